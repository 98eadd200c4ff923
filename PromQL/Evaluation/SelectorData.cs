using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>The series loaded for every selector of a query, and the warnings gathered while loading them.</summary>
internal sealed class SelectorData
{
    private readonly Dictionary<VectorSelector, SelectorSeries> series = new(ReferenceEqualityComparer.Instance);

    public List<string> Warnings { get; } = [];

    public SelectorSeries For(VectorSelector selector) =>
        series.TryGetValue(selector, out var loaded) ? loaded : throw new InvalidOperationException($"selector {selector} was not loaded");

    public static async Task<SelectorData> LoadAsync(Expr root, QueryRange range, ISeriesSource source, EngineOptions options, CancellationToken cancellationToken)
    {
        var data = new SelectorData();
        foreach (var group in SelectorPlan.Collect(root).GroupBy(p => p.Selector, ReferenceEqualityComparer.Instance))
        {
            var plans = group.ToList();
            var selector = plans[0].Selector;
            var plan = plans[0] with { RangeMs = plans.Max(p => p.RangeMs), Fields = plans.Aggregate(BucketFields.None, (f, p) => f | p.Fields) };
            var resolution = ResolutionPlanner.Choose(plan, range, source.ResolutionsMs, data.Warnings);
            var (first, last) = ResolutionPlanner.SelectorTimes(selector, range);
            var from = first - (plan.RangeMs == 0 ? options.LookbackDeltaMs : plan.RangeMs);
            var request = new SeriesRequest(selector.Matchers, from, last, resolution, plan.Fields);
            var selection = await source.SelectAsync(request, cancellationToken).ConfigureAwait(false);
            data.Warnings.AddRange(selection.Warnings);
            // In Prometheus's order, by labels, as its TSDB returns a selector's series from its blocks: aggregations fold
            // their inputs in this order, so a sum comes out bit for bit as Prometheus's and topk keeps the same of two
            // equal values. Sources return series in any order (a SQL answer has none).
            data.series[selector] = new SelectorSeries(selection.Series
                .OrderBy(s => s.Labels, LabelOrder.Instance)
                .Select(s => new LoadedSeries(s.Labels, s.Points, s.Temporality))
                .ToList());
        }
        return data;
    }
}
