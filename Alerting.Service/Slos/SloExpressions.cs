using System.Globalization;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// The PromQL an SLO is watched with. The error ratio over a window is one minus good events over all events, each a
/// summed rate; the burn rate divides it by the budget; an alert fires when any of its window pairs burns faster than
/// its factor over both windows, as the SRE workbook's multi-window, multi-burn-rate alerts do.
/// </summary>
public static class SloExpressions
{
    public static string ErrorRatio(SloIndicator indicator, TimeSpan window)
    {
        var (good, total) = SloSelectors.GoodAndTotal(indicator);
        var range = SloDuration.Format(window);
        return $"1 - (sum(rate({good}[{range}])) / sum(rate({total}[{range}])))";
    }

    public static string BurnRate(Slo slo, TimeSpan window) => $"({ErrorRatio(slo.Indicator, window)}) / {Number(slo.BudgetRatio)}";

    /// <summary>The alert's expression: its value is the long window's burn rate of the first pair that holds.</summary>
    public static string Alert(Slo slo, BurnRateAlert alert) => string.Join(" or ", alert.Windows.Select(pair =>
        $"({BurnRate(slo, pair.Long)} > {Number(pair.Factor)} and {BurnRate(slo, pair.Short)} > {Number(pair.Factor)})"));

    /// <summary>Twelve significant digits: 1 - 99.9/100 prints as 0.001, not as the float's last-digit noise.</summary>
    public static string Number(double value) => value.ToString("G12", CultureInfo.InvariantCulture);
}
