using System.Diagnostics;
using PerfMonitor.LoadGen.RemoteWrite.Targets;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>Runs one phase against a target (senders, then the wait for visibility) and judges it.</summary>
public sealed class PhaseRunner(IRemoteWriteTarget target, SenderPool pool, VisibilityTracker visibility, TimelineRecorder recorder, Stopwatch clock, RemoteWriteOptions options)
{
    public async Task<PhaseResult> RunAsync(PhaseKind kind, string label, double rate, TimeSpan duration, HoldProbes? probes, CancellationToken cancellationToken)
    {
        recorder.EnterPhase(label, rate);
        var before = pool.Counters.Take();
        var usageBefore = target.ReadUsage();
        var start = clock.Elapsed;
        using var stopProbes = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probing = probes?.RunAsync(stopProbes.Token) ?? Task.CompletedTask;
        await pool.RunAsync(rate, duration, cancellationToken);
        await stopProbes.CancelAsync();
        await probing;
        var sendSeconds = (clock.Elapsed - start).TotalSeconds;
        var after = pool.Counters.Take();
        recorder.EnterPhase(kind == PhaseKind.Unpaced ? "drain" : "check", 0);
        var window = kind == PhaseKind.Unpaced ? options.DrainTimeout : options.VisibleWithin;
        var visibleAfter = await visibility.WaitForAsync(after.Acknowledged, window, cancellationToken);
        var usageAfter = target.ReadUsage();
        var end = clock.Elapsed.TotalSeconds;
        var during = recorder.Ticks.Where(t => t.Seconds >= start.TotalSeconds && t.Seconds <= end).ToList();

        var result = new PhaseResult
        {
            Label = label,
            Kind = kind,
            TargetPerSecond = rate,
            Offered = (long)(rate * duration.TotalSeconds),
            StartSeconds = start.TotalSeconds,
            SendSeconds = sendSeconds,
            Acknowledged = after.Acknowledged - before.Acknowledged,
            InDoubt = after.InDoubt - before.InDoubt,
            FailedRequests = after.FailedRequests - before.FailedRequests,
            LastError = after.FailedRequests > before.FailedRequests ? pool.Counters.LastError : null,
            VisibleAfterSeconds = visibleAfter,
            CpuSeconds = usageAfter.CpuSeconds - usageBefore.CpuSeconds,
            ExcludedCpuSeconds = usageAfter.ExcludedCpuSeconds - usageBefore.ExcludedCpuSeconds,
            GeneratorCpuSeconds = usageAfter.GeneratorCpuSeconds - usageBefore.GeneratorCpuSeconds,
            PeakRssMiB = during.Select(t => t.RssMiB).DefaultIfEmpty(usageAfter.RssMiB).Max(),
            PeakPssMiB = during.Select(t => t.PssMiB).DefaultIfEmpty(usageAfter.PssMiB).Max(),
            Parts = PartResult.Of(usageBefore, usageAfter, during, after.Acknowledged - before.Acknowledged),
            KeptUp = false,
            Verdict = "",
        };
        var (keptUp, verdict) = Judge(result, after.Acknowledged - visibility.Latest.Visible);
        return result with { KeptUp = keptUp, Verdict = verdict };
    }

    private (bool KeptUp, string Verdict) Judge(PhaseResult phase, long notVisible)
    {
        var window = phase.Kind == PhaseKind.Unpaced ? options.DrainTimeout : options.VisibleWithin;
        var visible = phase.VisibleAfterSeconds is { } after
            ? $"all visible {after:0.0} s after"
            : $"{notVisible:N0} not visible {window.TotalSeconds:0} s after{(visibility.LastError is { } error ? $" (last poll: {error})" : "")}";
        if (phase.FailedRequests > 0)
        {
            return (false, $"{phase.FailedRequests} requests failed, last: {phase.LastError}; {visible}");
        }
        if (phase.Kind == PhaseKind.Unpaced)
        {
            return (phase.VisibleAfterSeconds is not null, visible);
        }
        if (phase.AcceptedShare < options.KeptUpShare)
        {
            return (false, $"accepted {phase.AcceptedShare:P1} of the offered samples (needs {options.KeptUpShare:P0}); {visible}");
        }
        return phase.VisibleAfterSeconds is null ? (false, visible) : (true, $"kept up; {visible}");
    }
}
