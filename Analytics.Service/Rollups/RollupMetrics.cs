using System.Diagnostics.Metrics;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>Rollup pipeline instruments, counted after a flush commits so a replay never counts twice.</summary>
public sealed class RollupMetrics
{
    public const string MeterName = "PerfMonitor.Analytics";

    private readonly Counter<long> samples;
    private readonly Counter<long> late;
    private readonly Counter<long> future;
    private readonly Histogram<double> flushSeconds;
    private readonly Histogram<double> sketchReadSeconds;
    private readonly Counter<long> readBackRows;
    private readonly Counter<long> rows;
    private readonly Counter<long> knownDropped;

    public RollupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        samples = meter.CreateCounter<long>("perfmon.analytics.samples", "{sample}", "Samples merged into minute rollups");
        late = meter.CreateCounter<long>("perfmon.analytics.late_samples", "{sample}", "Samples later than the allowed lateness: counted, not merged");
        future = meter.CreateCounter<long>("perfmon.analytics.future_samples", "{sample}", "Samples stamped further past their arrival than Rollups:MaxFutureSkew (a fast client clock): merged into their own minute, held back from the watermark");
        flushSeconds = meter.CreateHistogram<double>("perfmon.analytics.flush.duration", "s", "Time to write one flush transaction");
        sketchReadSeconds = meter.CreateHistogram<double>("perfmon.analytics.flush.sketch_read.duration", "s", "Time spent reading back and merging rows this consumer did not know");
        rows = meter.CreateCounter<long>("perfmon.analytics.flush.rows", "{row}", "Minute rows written (each open minute is rewritten by every flush that touches it)");
        readBackRows = meter.CreateCounter<long>("perfmon.analytics.flush.read_back_rows", "{row}", "Stored rows read back because their state was not known to be current");
        knownDropped = meter.CreateCounter<long>("perfmon.analytics.known_cells.dropped", "{row}", "Known open-minute rows forgotten to stay within Rollups:MaxKnownCells");
    }

    public void Flushed(FlushResult result)
    {
        samples.Add(result.Samples);
        late.Add(result.LateSamples);
        future.Add(result.FutureSamples);
        flushSeconds.Record(result.Total.TotalSeconds);
        sketchReadSeconds.Record(result.ReadBack.TotalSeconds);
        rows.Add(result.Cells);
        readBackRows.Add(result.ReadBackRows);
        knownDropped.Add(result.KnownDropped);
    }
}
