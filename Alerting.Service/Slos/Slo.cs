namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// A service level objective: the share of good events (<see cref="Objective"/> percent, e.g. 99.9) a service promises
/// over a rolling <see cref="Window"/>. What it may miss, 1 - objective, is its error budget.
/// </summary>
public sealed record Slo(Guid Id, string Name, string Service, double Objective, TimeSpan Window, SloIndicator Indicator, string Description)
{
    /// <summary>The share of events that may be bad: 0.001 for 99.9 %.</summary>
    public double BudgetRatio => ErrorBudget.AllowedErrorRatio(Objective);
}
