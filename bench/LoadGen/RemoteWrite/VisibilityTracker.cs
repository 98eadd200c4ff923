using System.Diagnostics;
using PerfMonitor.LoadGen.RemoteWrite.Targets;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// Polls how many of the run's samples a target has made visible, once a second while it is measured and four times a
/// second while a phase's verdict waits on it; one poll at a time, so a slow answer never piles up queries.
/// </summary>
public sealed class VisibilityTracker : IAsyncDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Eager = TimeSpan.FromMilliseconds(250);
    private readonly IRemoteWriteTarget target;
    private readonly Stopwatch clock;
    private readonly BackgroundLoop loop;
    private volatile Reading latest = new(0, 0);
    private volatile bool eager;

    private VisibilityTracker(IRemoteWriteTarget target, Stopwatch clock)
    {
        this.target = target;
        this.clock = clock;
        loop = new BackgroundLoop(PollAsync);
    }

    public sealed record Reading(double Seconds, long Visible);

    public Reading Latest => latest;

    /// <summary>The last poll's error, if the last poll failed (the target is busy or down).</summary>
    public string? LastError { get; private set; }

    public static VisibilityTracker Start(IRemoteWriteTarget target, Stopwatch clock) => new(target, clock);

    /// <summary>Seconds from now until at least <paramref name="expected"/> samples were visible; null when not within <paramref name="window"/>.</summary>
    public async Task<double?> WaitForAsync(long expected, TimeSpan window, CancellationToken cancellationToken)
    {
        var from = clock.Elapsed.TotalSeconds;
        eager = true;
        try
        {
            while (clock.Elapsed.TotalSeconds - from <= window.TotalSeconds)
            {
                if (latest is { } reading && reading.Visible >= expected && reading.Seconds >= from)
                {
                    return Math.Max(0, reading.Seconds - from);
                }
                await Task.Delay(Eager / 2, cancellationToken);
            }
            return null;
        }
        finally
        {
            eager = false;
        }
    }

    private async Task PollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var visible = await target.VisibleAsync(stop);
                latest = new Reading(clock.Elapsed.TotalSeconds, visible);
                LastError = null;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
            {
                LastError = ex.Message;
            }
            try
            {
                await Task.Delay(eager ? Eager : Idle, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public ValueTask DisposeAsync() => loop.DisposeAsync();
}
