namespace PerfMonitor.Alerting.Evaluation;

public enum AlertState
{
    Inactive,
    Pending,
    Firing,
    Resolved,
}
