using System.Diagnostics;
using PerfMonitor.LoadGen.RemoteWrite.Targets;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>Records a <see cref="RateTick"/> every second while a target is measured, for the chart and the phases' memory peaks.</summary>
public sealed class TimelineRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly IRemoteWriteTarget target;
    private readonly SendCounters counters;
    private readonly VisibilityTracker visibility;
    private readonly Stopwatch clock;
    private readonly List<RateTick> ticks = [];
    private readonly BackgroundLoop loop;
    private volatile PhaseMark phase = new("start", 0);

    public TimelineRecorder(IRemoteWriteTarget target, SendCounters counters, VisibilityTracker visibility, Stopwatch clock)
    {
        this.target = target;
        this.counters = counters;
        this.visibility = visibility;
        this.clock = clock;
        loop = new BackgroundLoop(RecordAsync);
    }

    private sealed record PhaseMark(string Label, double TargetPerSecond);

    public void EnterPhase(string label, double targetPerSecond) => phase = new PhaseMark(label, targetPerSecond);

    public IReadOnlyList<RateTick> Ticks
    {
        get
        {
            lock (ticks)
            {
                return [.. ticks];
            }
        }
    }

    private async Task RecordAsync(CancellationToken stop)
    {
        var (lastSeconds, lastAcknowledged, lastCpu) = (clock.Elapsed.TotalSeconds, counters.Acknowledged, target.ReadUsage().CpuSeconds);
        var lastReading = visibility.Latest;
        double visibleRate = 0;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = clock.Elapsed.TotalSeconds;
                var acknowledged = counters.Acknowledged;
                var usage = target.ReadUsage();
                var reading = visibility.Latest;
                if (reading.Seconds > lastReading.Seconds)
                {
                    visibleRate = (reading.Visible - lastReading.Visible) / (reading.Seconds - lastReading.Seconds);
                    lastReading = reading;
                }
                var mark = phase;
                var tick = new RateTick(now, mark.Label, mark.TargetPerSecond, (acknowledged - lastAcknowledged) / (now - lastSeconds), visibleRate,
                    Math.Max(0, acknowledged - reading.Visible), (usage.CpuSeconds - lastCpu) / (now - lastSeconds), usage.RssMiB, usage.PssMiB,
                    usage.Parts.Count > 0 ? usage.Parts.ToDictionary(p => p.Name, p => p.PssMiB, StringComparer.Ordinal) : null);
                lock (ticks)
                {
                    ticks.Add(tick);
                }
                (lastSeconds, lastAcknowledged, lastCpu) = (now, acknowledged, usage.CpuSeconds);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the target's run.
        }
    }

    public ValueTask DisposeAsync() => loop.DisposeAsync();
}
