using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>A selected series with its points; the name-less label set is made once, not per step.</summary>
internal sealed class LoadedSeries(LabelSet labels, PointColumns points, CounterTemporality temporality)
{
    private LabelSet? withoutName;

    public LabelSet Labels { get; } = labels;

    public PointColumns Points { get; } = points;

    public bool IsDelta { get; } = temporality == CounterTemporality.Delta;

    public LabelSet LabelsWithoutName => withoutName ??= Labels.WithoutMetricName();
}
