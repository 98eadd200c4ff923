namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>
/// A function of one range vector: the function of a window, which argument is the range vector, which (if not -1)
/// is a scalar parameter, and whether the result keeps the metric name (last_over_time).
/// </summary>
internal sealed record RangeFunctionSpec(RangeVectorFunction.WindowFunction Function, int RangeArgument, int ParameterArgument, bool KeepName);
