namespace PerfMonitor.Alerting.Reports;

/// <summary>Which report: each has its own schedule and covers the time since its previous run.</summary>
public enum ReportKind
{
    Daily,
    Weekly,
}
