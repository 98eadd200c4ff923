namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// The error-budget arithmetic of the SRE workbook. With objective 99.9 % the budget is an error ratio of 0.001; a
/// burn rate of 1 spends exactly the budget over the SLO window, 14.4 spends 2 % of a 30-day budget in one hour.
/// </summary>
public static class ErrorBudget
{
    private const double Percent = 100;

    public static double AllowedErrorRatio(double objectivePercent) => (Percent - objectivePercent) / Percent;

    /// <summary>How fast the budget burns: the observed error ratio over the allowed one.</summary>
    public static double BurnRate(double errorRatio, double objectivePercent) => errorRatio / AllowedErrorRatio(objectivePercent);

    /// <summary>
    /// The share of the budget left after a window with this error ratio: 1 untouched, 0 spent, negative overspent.
    /// </summary>
    public static double Remaining(double errorRatio, double objectivePercent) => 1 - BurnRate(errorRatio, objectivePercent);
}
