namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// One step of an SLO's budget series: the share of the error budget left over the SLO window ending here (1 untouched,
/// negative overspent) and the burn rate over the burn-rate window. Null where there were no events to measure.
/// </summary>
public sealed record BudgetPoint(DateTimeOffset Time, double? Remaining, double? BurnRate);
