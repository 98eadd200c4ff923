using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// Asks analytics for the error ratio of an SLO over its window and over the burn-rate window at every step, and turns
/// them into budget remaining and burn rate with <see cref="ErrorBudget"/>.
/// </summary>
public sealed class BudgetQuery(AnalyticsRangeQueries queries, IOptions<SloOptions> options)
{
    public async Task<BudgetSeries> SeriesAsync(Slo slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var burnWindow = options.Value.BurnRateWindow;
        var overWindow = await queries.RangeAsync(SloExpressions.ErrorRatio(slo.Indicator, slo.Window), start, end, step, cancellationToken);
        var overBurnWindow = await queries.RangeAsync(SloExpressions.ErrorRatio(slo.Indicator, burnWindow), start, end, step, cancellationToken);
        var remaining = overWindow.ToDictionary(p => p.TimeMs, p => ErrorBudget.Remaining(p.Value, slo.Objective));
        var burn = overBurnWindow.ToDictionary(p => p.TimeMs, p => ErrorBudget.BurnRate(p.Value, slo.Objective));
        var points = remaining.Keys.Union(burn.Keys).Order()
            .Select(t => new BudgetPoint(DateTimeOffset.FromUnixTimeMilliseconds(t), Finite(remaining, t), Finite(burn, t)))
            .ToList();
        return new BudgetSeries(slo.Id, slo.Name, slo.Service, slo.Objective, SloDuration.Format(slo.Window), SloDuration.Format(burnWindow),
            start, end, SloDuration.Format(step), points);
    }

    /// <summary>A step with no events gives 0/0: no value rather than NaN, which JSON cannot carry.</summary>
    private static double? Finite(Dictionary<long, double> values, long time) =>
        values.TryGetValue(time, out var value) && double.IsFinite(value) ? value : null;
}
