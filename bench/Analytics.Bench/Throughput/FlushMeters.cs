using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Bench.Throughput;

/// <summary>A meter factory for the hosted consumer, and a listener that adds up its rollup instruments.</summary>
public sealed class FlushMeters : IMeterFactory
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, double> totals = new();
    private readonly ConcurrentBag<double> flushSeconds = [];

    public FlushMeters()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RollupMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            totals.AddOrUpdate(instrument.Name, value, (_, t) => t + value);
            if (instrument.Name == "perfmon.analytics.flush.duration")
            {
                flushSeconds.Add(value);
            }
        });
        listener.Start();
    }

    public double Total(string instrument) => totals.GetValueOrDefault(instrument);

    public IReadOnlyList<double> FlushSeconds => flushSeconds.Order().ToList();

    public void Reset()
    {
        totals.Clear();
        flushSeconds.Clear();
    }

    public Meter Create(MeterOptions options) => new(options);

    public void Dispose() => listener.Dispose();
}
