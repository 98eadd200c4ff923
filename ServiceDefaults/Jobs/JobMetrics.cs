using System.Diagnostics.Metrics;

namespace PerfMonitor.ServiceDefaults.Jobs;

/// <summary>
/// Runs, failures and run time of every periodic job, tagged with the job's name. One meter for all services'
/// jobs (exported with the other PerfMonitor.* meters), so a dashboard finds every job under the same names.
/// </summary>
public static class JobMetrics
{
    public const string MeterName = "PerfMonitor.Jobs";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("perfmon.job.runs", "{run}", "Periodic job runs, finished or failed");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("perfmon.job.failures", "{run}", "Periodic job runs that threw or timed out");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("perfmon.job.duration", "s", "Time one periodic job run took");

    public static void Ran(string job, TimeSpan elapsed, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("job", job);
        Runs.Add(1, tag);
        Duration.Record(elapsed.TotalSeconds, tag);
        if (failed)
        {
            Failures.Add(1, tag);
        }
    }
}
