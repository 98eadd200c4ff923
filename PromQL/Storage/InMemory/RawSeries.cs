using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Storage.InMemory;

/// <summary>One series' raw samples in increasing time order (Unix milliseconds); a delta counter's samples are its increments.</summary>
public sealed record RawSeries(LabelSet Labels, long[] TimesMs, double[] Values, CounterTemporality Temporality = CounterTemporality.Cumulative)
{
    public int Length => TimesMs.Length;
}
