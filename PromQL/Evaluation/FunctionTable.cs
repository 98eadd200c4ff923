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
        new("avg_over_time", BucketFields.Count | BucketFields.Sum, c => Apply(c, 0, OverTimeFunctions.Avg)),
        new("ceil", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Ceiling)),
        new("clamp", BucketFields.None, InstantVectorFunctions.Clamp),
        new("clamp_max", BucketFields.None, InstantVectorFunctions.ClampMax),
        new("clamp_min", BucketFields.None, InstantVectorFunctions.ClampMin),
        new("count_over_time", BucketFields.Count, c => Apply(c, 0, OverTimeFunctions.Count)),
        new("delta", BucketFields.Count | BucketFields.First, c => Apply(c, 0, RateFunctions.Delta)),
        new("deriv", RateFunctions.DerivNeeds, c => Apply(c, 0, DerivFunction.Deriv)),
        new("exp", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Exp)),
        new("floor", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Floor)),
        new("histogram_quantile", BucketFields.None, HistogramQuantile.Evaluate),
        new("idelta", RateFunctions.InstantNeeds, c => Apply(c, 0, RateFunctions.Idelta)),
        new("increase", RateFunctions.ExtrapolatedNeeds, c => Apply(c, 0, RateFunctions.Increase)),
        new("irate", RateFunctions.InstantNeeds, c => Apply(c, 0, RateFunctions.Irate)),
        new("label_join", BucketFields.None, LabelFunctions.Join),
        new("label_replace", BucketFields.None, LabelFunctions.Replace),
        new("last_over_time", BucketFields.None, c => Apply(c, 0, OverTimeFunctions.Last, keepName: true)),
        new("ln", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Log)),
        new("log10", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Log10)),
        new("log2", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Log2)),
        new("max_over_time", BucketFields.MinMax, c => Apply(c, 0, OverTimeFunctions.Max)),
        new("min_over_time", BucketFields.MinMax, c => Apply(c, 0, OverTimeFunctions.Min)),
        new("present_over_time", BucketFields.None, c => Apply(c, 0, OverTimeFunctions.Present)),
        new("quantile_over_time", BucketFields.Sketch, c => Apply(c, 1, OverTimeFunctions.Quantile, c.Scalar(0))),
        new("rate", RateFunctions.ExtrapolatedNeeds, c => Apply(c, 0, RateFunctions.Rate)),
        new("round", BucketFields.None, InstantVectorFunctions.Round),
        new("scalar", BucketFields.None, MiscFunctions.Scalar),
        new("sgn", BucketFields.None, c => InstantVectorFunctions.Map(c, InstantVectorFunctions.Sign)),
        new("sort", BucketFields.None, c => MiscFunctions.Sort(c, descending: false)),
        new("sort_desc", BucketFields.None, c => MiscFunctions.Sort(c, descending: true)),
        new("sqrt", BucketFields.None, c => InstantVectorFunctions.Map(c, Math.Sqrt)),
        new("sum_over_time", BucketFields.Sum, c => Apply(c, 0, OverTimeFunctions.Sum)),
        new("time", BucketFields.None, MiscFunctions.Time),
        new("vector", BucketFields.None, MiscFunctions.Vector),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Definitions.Keys;

    public static FunctionDefinition Get(string name) =>
        Definitions.TryGetValue(name, out var definition) ? definition : throw new InvalidOperationException($"no evaluation for function {name}");
}
