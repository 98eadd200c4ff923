using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace PerfMonitor.ServiceDefaults.Jobs;

/// <summary>
/// The one shape of every timer loop: a run every <see cref="JobSchedule.Interval"/> (jittered), one at a time, each cut
/// off after <see cref="JobSchedule.Timeout"/>, counted in <see cref="JobMetrics"/>. A failed run is handed to
/// <see cref="OnFailed"/> and the next one runs as usual: a job never takes its host down. A job told of new work
/// (<see cref="WakeUp"/>) runs without waiting out its pause.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock) : BackgroundService
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected TimeProvider Clock { get; } = clock;

    /// <summary>The job's name in metrics and logs.</summary>
    protected abstract string JobName { get; }

    /// <summary>Read before every run, so the schedule follows reloaded options.</summary>
    protected abstract JobSchedule Schedule { get; }

    protected abstract Task RunJobAsync(CancellationToken cancellationToken);

    /// <summary>Logs a failed run in the job's own words; a run that timed out arrives as a <see cref="TimeoutException"/>.</summary>
    protected abstract void OnFailed(Exception exception);

    /// <summary>
    /// Ends the pause so the next run starts now. Kept while a run is under way, so one more run follows it; any number of
    /// wake-ups before a run starts lead to that one run.
    /// </summary>
    protected void WakeUp() => wake.Writer.TryWrite(true);

    /// <summary>
    /// The first run starts inside the host's start, before the services registered after this one: a cache that others
    /// read at start (rules, silences) is loaded by then, as it was when each job had its own loop.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Schedule.RunAtStart)
        {
            await PauseAsync(Schedule.NextDelay(Random.Shared.NextDouble()), stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var schedule = Schedule;
            var started = Clock.GetTimestamp();
            await RunOnceGuardedAsync(schedule, stoppingToken);
            await PauseAsync(schedule.NextDelay(Random.Shared.NextDouble()) - Clock.GetElapsedTime(started), stoppingToken);
        }
    }

    /// <summary>Waits <paramref name="wait"/> or until a wake-up; the run that follows answers every wake-up so far.</summary>
    private async Task PauseAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait > TimeSpan.Zero)
        {
            using var pause = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(wake.Reader.WaitToReadAsync(pause.Token).AsTask(), Task.Delay(wait, Clock, pause.Token));
            await pause.CancelAsync();
            stoppingToken.ThrowIfCancellationRequested();
        }
        wake.Reader.TryRead(out _);
    }

    private async Task RunOnceGuardedAsync(JobSchedule schedule, CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(schedule.Timeout, Clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        var watch = Stopwatch.StartNew();
        var failed = false;
        try
        {
            await RunJobAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested)
        {
            failed = true;
            OnFailed(new TimeoutException($"{JobName} did not finish within {schedule.Timeout}", ex));
        }
        catch (Exception ex)
        {
            failed = true;
            OnFailed(ex);
        }
        finally
        {
            JobMetrics.Ran(JobName, watch.Elapsed, failed);
        }
    }
}
