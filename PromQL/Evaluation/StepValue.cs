using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>The value of a node at one evaluation step.</summary>
internal abstract record StepValue;

internal sealed record ScalarValue(double Value) : StepValue;

internal sealed record StringValue(string Value) : StepValue;

internal sealed record VectorValue(List<VectorSample> Samples) : StepValue;

/// <summary>
/// A range vector at one step: a window of points per selected series, in a buffer the selector reuses at the next
/// step. <see cref="NamelessUnique"/>: the series' labels stay distinct without the metric name.
/// </summary>
internal sealed record RangeValue(List<SeriesWindow> Windows, bool NamelessUnique) : StepValue;

internal readonly record struct VectorSample(LabelSet Labels, double Value);
