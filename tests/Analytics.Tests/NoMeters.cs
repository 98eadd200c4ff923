using System.Diagnostics.Metrics;

namespace PerfMonitor.Analytics.Tests;

/// <summary>A meter factory for tests that construct services by hand.</summary>
public sealed class NoMeters : IMeterFactory
{
    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        meters.Add(meter);
        return meter;
    }

    public void Dispose() => meters.ForEach(m => m.Dispose());
}
