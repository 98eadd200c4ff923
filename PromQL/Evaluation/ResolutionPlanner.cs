using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Evaluation;

/// <summary>
/// Picks the resolution a selector is read at: the coarsest the source serves at which every evaluation time of the
/// selector (after offset and @) and its range fall on bucket boundaries, so each window covers whole buckets and
/// the answer is exact. When none does (a step or range finer than the finest bucket, or unaligned times) it reads
/// the finest resolution and says so in a warning.
/// </summary>
internal static class ResolutionPlanner
{
    public static long Choose(SelectorPlan plan, QueryRange range, IReadOnlyList<long> resolutionsMs, ICollection<string> warnings)
    {
        for (var i = resolutionsMs.Count - 1; i >= 0; i--)
        {
            if (Fits(plan, range, resolutionsMs[i]))
            {
                return resolutionsMs[i];
            }
        }
        var finest = resolutionsMs[0];
        warnings.Add($"the query asks for finer resolution than is stored: {Describe(plan)} at step {ExprPrinter.Duration(range.StepMs)} " +
            $"is evaluated from {ExprPrinter.Duration(finest)} buckets, so its values are approximate");
        return finest;
    }

    /// <summary>The earliest and latest time the selector is evaluated at.</summary>
    public static (long First, long Last) SelectorTimes(VectorSelector selector, QueryRange range)
    {
        if (selector.At is { } at)
        {
            var fixedTime = at.Resolve(range.StartMs, range.EndMs) - selector.OffsetMs;
            return (fixedTime, fixedTime);
        }
        return (range.StartMs - selector.OffsetMs, range.TimeAt(range.StepCount - 1) - selector.OffsetMs);
    }

    private static bool Fits(SelectorPlan plan, QueryRange range, long resolution)
    {
        if (resolution == 0)
        {
            return true;
        }
        var (first, _) = SelectorTimes(plan.Selector, range);
        var stepAligned = plan.Selector.At is not null || range.IsInstant || range.StepMs % resolution == 0;
        return Mod(first, resolution) == 0 && stepAligned && plan.RangeMs % resolution == 0;
    }

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;

    private static string Describe(SelectorPlan plan) =>
        plan.RangeMs == 0 ? plan.Selector.ToString() : $"{plan.Selector with { OffsetMs = 0, At = null }}[{ExprPrinter.Duration(plan.RangeMs)}]";
}
