namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>Applies a function of one window to every series of a range vector argument.</summary>
internal static class RangeVectorFunction
{
    public delegate bool WindowFunction(in SeriesWindow window, double parameter, out double value);

    /// <summary>
    /// One output sample per series whose window yields a value. The metric name is dropped, except for
    /// last_over_time, which (like offset) only moves a sample in time.
    /// </summary>
    public static StepValue Apply(FunctionCall call, RangeFunctionSpec spec)
    {
        var (function, keepName) = (spec.Function, spec.KeepName);
        var parameter = spec.ParameterArgument >= 0 ? call.Scalar(spec.ParameterArgument) : 0;
        var range = call.Range(spec.RangeArgument);
        var windows = range.Windows;
        var result = new List<VectorSample>(windows.Count);
        foreach (var window in windows)
        {
            if (function(window, parameter, out var value))
            {
                result.Add(new VectorSample(keepName ? window.Series.Labels : window.Series.LabelsWithoutName, value));
            }
        }
        return new VectorValue(keepName || range.NamelessUnique ? result : DuplicateCheck.Ensure(result));
    }
}
