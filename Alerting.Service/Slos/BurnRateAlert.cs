using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>An alert an SLO generates: its windows, any of which fires it, and who should hear of it.</summary>
public sealed record BurnRateAlert(string Name, Severity Severity, string Action, IReadOnlyList<BurnRateWindow> Windows)
{
    /// <summary>
    /// The SRE workbook's multi-window, multi-burn-rate alerts (chapter 5, "Alerting on SLOs", table 5-8): page when 2 % of
    /// a 30-day budget goes in an hour or 5 % in six hours; open a ticket when 10 % goes in a day or 10 % in three days.
    /// </summary>
    public static readonly IReadOnlyList<BurnRateAlert> Workbook =
    [
        new("page", Severity.Critical, "page",
        [
            new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4),
            new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6),
        ]),
        new("ticket", Severity.Warning, "ticket",
        [
            new(TimeSpan.FromDays(1), TimeSpan.FromHours(2), 3),
            new(TimeSpan.FromDays(3), TimeSpan.FromHours(6), 1),
        ]),
    ];
}
