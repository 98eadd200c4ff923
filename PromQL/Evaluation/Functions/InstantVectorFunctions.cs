namespace PerfMonitor.PromQL.Evaluation.Functions;

/// <summary>Functions of each sample's value: abs, ceil, clamp*, round and the like. All drop the metric name.</summary>
internal static class InstantVectorFunctions
{
    public static StepValue Map(FunctionCall call, Func<double, double> map)
    {
        var samples = call.Vector(0);
        var result = new List<VectorSample>(samples.Count);
        foreach (var sample in samples)
        {
            result.Add(new VectorSample(call.Evaluator.Labels.WithoutName(sample.Labels), map(sample.Value)));
        }
        return new VectorValue(DuplicateCheck.Ensure(result));
    }

    public static StepValue Clamp(FunctionCall call)
    {
        var (min, max) = (call.Scalar(1), call.Scalar(2));
        return max < min ? new VectorValue([]) : Map(call, v => Math.Max(min, Math.Min(max, v)));
    }

    public static StepValue ClampMin(FunctionCall call)
    {
        var min = call.Scalar(1);
        return Map(call, v => Math.Max(min, v));
    }

    public static StepValue ClampMax(FunctionCall call)
    {
        var max = call.Scalar(1);
        return Map(call, v => Math.Min(max, v));
    }

    /// <summary>Rounds to the nearest multiple of the optional second argument; ties round up, as in Prometheus.</summary>
    public static StepValue Round(FunctionCall call)
    {
        var inverse = 1.0 / (call.ArgumentCount > 1 ? call.Scalar(1) : 1.0);
        return Map(call, v => Math.Floor(v * inverse + 0.5) / inverse);
    }

    public static double Sign(double v) => v < 0 ? -1 : v > 0 ? 1 : v;
}
