using System.Diagnostics.Metrics;
using PerfMonitor.ServiceDefaults.Jobs;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Jobs;

/// <summary>Issue 14 item 3: the one periodic-job shape. A run that throws or hangs is logged and counted; the next runs.</summary>
public sealed class PeriodicJobTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 60_000)]
    public async Task A_run_that_throws_is_reported_and_counted_and_the_next_run_still_happens()
    {
        var name = $"throws-{Guid.NewGuid():N}";
        using var counts = new JobCounts(name);
        var job = new ScriptedJob(name, new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10)),
            (run, _) => run == 1 ? throw new InvalidOperationException("the database is down") : Task.CompletedTask);

        await job.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(job.Runs), runs => runs >= 3, Patience, "runs after the failure");
        await job.StopAsync(CancellationToken.None);

        Assert.IsType<InvalidOperationException>(Assert.Single(job.Failures));
        Assert.Equal(1, counts.Failures);
        Assert.True(counts.Runs >= 3, $"{counts.Runs} runs counted");
        Assert.Null(job.ExecuteTask!.Exception);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_that_hangs_is_cut_off_at_its_timeout_and_runs_never_overlap()
    {
        var job = new ScriptedJob($"hangs-{Guid.NewGuid():N}", new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(300)) { Jitter = 0 },
            (run, cancellationToken) => run == 1 ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask);

        await job.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(job.Runs), runs => runs >= 3, Patience, "runs after the hung one");
        await job.StopAsync(CancellationToken.None);

        Assert.IsType<TimeoutException>(Assert.Single(job.Failures));
        Assert.Equal(1, job.MostAtOnce);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_untimed_job_lets_a_run_last_many_intervals_and_never_cuts_it_off()
    {
        var longRun = TimeSpan.FromSeconds(1);
        var job = new ScriptedJob($"untimed-{Guid.NewGuid():N}", JobSchedule.Untimed(TimeSpan.FromMilliseconds(20)),
            (run, cancellationToken) => run == 1 ? Task.Delay(longRun, cancellationToken) : Task.CompletedTask);

        await job.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(job.Runs), runs => runs >= 3, Patience, "runs after the long one");
        await job.StopAsync(CancellationToken.None);

        Assert.Empty(job.Failures);
        Assert.Equal(Timeout.InfiniteTimeSpan, JobSchedule.Untimed(longRun).Timeout);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_wake_up_starts_the_next_run_at_once_and_wake_ups_during_a_run_start_one_more()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new ScriptedJob($"woken-{Guid.NewGuid():N}", JobSchedule.Every(TimeSpan.FromHours(1)),
            (run, cancellationToken) => run == 2 ? held.Task.WaitAsync(cancellationToken) : Task.CompletedTask);

        await job.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(() => Task.FromResult(job.Runs), runs => runs == 1, Patience, "the run at start");
        job.Wake();
        await Eventually.GetAsync(() => Task.FromResult(job.Runs), runs => runs == 2, Patience, "the run the wake-up started");
        job.Wake();
        job.Wake();
        job.Wake();
        held.SetResult();
        await Eventually.GetAsync(() => Task.FromResult(job.Runs), runs => runs >= 3, Patience, "the run after the held one");
        // Any further run would come from a wake-up counted twice: the interval is an hour.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await job.StopAsync(CancellationToken.None);

        Assert.Equal(3, job.Runs);
        Assert.Empty(job.Failures);
    }

    [Fact]
    public void The_pause_between_runs_stays_within_the_jitter_of_the_interval()
    {
        var schedule = new JobSchedule(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)) { Jitter = 0.2 };

        Assert.Equal(TimeSpan.FromSeconds(8), schedule.NextDelay(0));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.NextDelay(0.5));
        Assert.Equal(TimeSpan.FromSeconds(12), schedule.NextDelay(1));
        Assert.Equal(JobSchedule.MinimumTimeout, JobSchedule.Every(TimeSpan.FromSeconds(5)).Timeout);
    }

    /// <summary>perfmon.job.runs and perfmon.job.failures of one job, as an exporter would see them.</summary>
    private sealed class JobCounts : IDisposable
    {
        private readonly MeterListener listener = new();
        private long runs;
        private long failures;

        public JobCounts(string job)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == JobMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (!tags.ToArray().Any(t => t.Key == "job" && Equals(t.Value, job)))
                {
                    return;
                }
                if (instrument.Name == "perfmon.job.runs")
                {
                    Interlocked.Add(ref runs, value);
                }
                else if (instrument.Name == "perfmon.job.failures")
                {
                    Interlocked.Add(ref failures, value);
                }
            });
            listener.Start();
        }

        public long Runs => Interlocked.Read(ref runs);

        public long Failures => Interlocked.Read(ref failures);

        public void Dispose() => listener.Dispose();
    }
}
