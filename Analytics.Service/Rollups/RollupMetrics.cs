using System.Diagnostics.Metrics;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>Rollup pipeline instruments, counted after a flush commits so a replay never counts twice.</summary>
public sealed class RollupMetrics
{
    public const string MeterName = "PerfMonitor.Analytics";

    private readonly Counter<long> samples;
    private readonly Counter<long> late;
    private readonly Histogram<double> flushSeconds;
    private readonly Histogram<double> sketchReadSeconds;

    public RollupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        samples = meter.CreateCounter<long>("perfmon.analytics.samples", "{sample}", "Samples merged into minute rollups");
        late = meter.CreateCounter<long>("perfmon.analytics.late_samples", "{sample}", "Samples later than the allowed lateness: counted, not merged");
        flushSeconds = meter.CreateHistogram<double>("perfmon.analytics.flush.duration", "s", "Time to write one flush transaction");
        sketchReadSeconds = meter.CreateHistogram<double>("perfmon.analytics.flush.sketch_read.duration", "s", "Time spent reading stored sketches to merge");
    }

    public void Flushed(FlushResult result)
    {
        samples.Add(result.Samples);
        late.Add(result.LateSamples);
        flushSeconds.Record(result.Total.TotalSeconds);
        sketchReadSeconds.Record(result.SketchRead.TotalSeconds);
    }
}
