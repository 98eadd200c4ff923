namespace PerfMonitor.Alerting.Slos;

/// <summary>An SLO's error budget over time, as the budget API and the dashboard show it.</summary>
public sealed record BudgetSeries(
    Guid SloId, string Name, string Service, double Objective, string Window, string BurnRateWindow,
    DateTimeOffset Start, DateTimeOffset End, string Step, IReadOnlyList<BudgetPoint> Points);
