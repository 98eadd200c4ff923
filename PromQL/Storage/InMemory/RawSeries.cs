using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Storage.InMemory;

/// <summary>One series' raw samples in increasing time order (Unix milliseconds).</summary>
public sealed record RawSeries(LabelSet Labels, long[] TimesMs, double[] Values)
{
    public int Length => TimesMs.Length;
}
