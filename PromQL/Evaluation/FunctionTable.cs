using PerfMonitor.PromQL.Evaluation.Functions;
using PerfMonitor.PromQL.Storage;
using static PerfMonitor.PromQL.Evaluation.Functions.RangeVectorFunction;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>Every function of <see cref="Syntax.FunctionCatalog"/> with its evaluation and the bucket fields it reads.</summary>
internal static class FunctionTable
{
    private static readonly Dictionary<string, FunctionDefinition> Definitions = new FunctionDefinition[]
    {
        new("abs", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Abs)),
        new("absent", BucketFields.None, MiscFunctions.Absent),
        Range("avg_over_time", BucketFields.Count | BucketFields.Sum, OverTimeFunctions.Avg),
        new("ceil", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Ceiling)),
        new("clamp", BucketFields.None, InstantVectorFunctions.Clamp),
        new("clamp_max", BucketFields.None, InstantVectorFunctions.ClampMax),
        new("clamp_min", BucketFields.None, InstantVectorFunctions.ClampMin),
        Range("count_over_time", BucketFields.Count, OverTimeFunctions.Count),
        Range("delta", BucketFields.Count | BucketFields.First, RateFunctions.Delta),
        Range("deriv", RateFunctions.DerivNeeds, DerivFunction.Deriv),
        new("exp", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Exp)),
        new("floor", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Floor)),
        new("histogram_quantile", BucketFields.None, HistogramQuantile.Evaluate),
        Range("idelta", RateFunctions.InstantNeeds, RateFunctions.Idelta),
        Range("increase", RateFunctions.ExtrapolatedNeeds, RateFunctions.Increase),
        Range("irate", RateFunctions.InstantNeeds, RateFunctions.Irate),
        new("label_join", BucketFields.None, LabelFunctions.Join),
        new("label_replace", BucketFields.None, LabelFunctions.Replace),
        Range("last_over_time", BucketFields.None, OverTimeFunctions.Last, keepName: true),
        new("ln", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Log)),
        new("log10", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Log10)),
        new("log2", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Log2)),
        Range("max_over_time", BucketFields.MinMax, OverTimeFunctions.Max),
        Range("min_over_time", BucketFields.MinMax, OverTimeFunctions.Min),
        Range("present_over_time", BucketFields.None, OverTimeFunctions.Present),
        Range("quantile_over_time", BucketFields.Sketch, OverTimeFunctions.Quantile, parameterArgument: 0),
        Range("rate", RateFunctions.ExtrapolatedNeeds, RateFunctions.Rate),
        new("round", BucketFields.None, InstantVectorFunctions.Round),
        new("scalar", BucketFields.None, MiscFunctions.Scalar),
        new("sgn", BucketFields.None, c => InstantVectorFunctions.Map(c, InstantVectorFunctions.Sign)),
        new("sort", BucketFields.None, c => MiscFunctions.Sort(c, descending: false)),
        new("sort_desc", BucketFields.None, c => MiscFunctions.Sort(c, descending: true)),
        new("sqrt", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Sqrt)),
        Range("sum_over_time", BucketFields.Sum, OverTimeFunctions.Sum),
        new("time", BucketFields.None, MiscFunctions.Time),
        new("vector", BucketFields.None, MiscFunctions.Vector),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Definitions.Keys;

    /// <summary>A function of one range vector argument, evaluated window by window (and, in range queries, column by column).</summary>
    private static FunctionDefinition Range(string name, BucketFields needs, WindowFunction function, bool keepName = false, int parameterArgument = -1)
    {
        var window = new RangeFunctionSpec(function, parameterArgument + 1, parameterArgument, keepName);
        return new(name, needs, c => Apply(c, window), window);
    }

    public static FunctionDefinition Get(string name) =>
        Definitions.TryGetValue(name, out var definition) ? definition : throw new InvalidOperationException($"no evaluation for function {name}");
}
