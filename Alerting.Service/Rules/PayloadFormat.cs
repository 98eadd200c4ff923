namespace PerfMonitor.Alerting.Rules;

/// <summary>How a rule's notifications are written: our versioned JSON, Slack, Alertmanager's webhook, or Alertmanager's API.</summary>
public enum PayloadFormat
{
    Json,
    Slack,
    Alertmanager,

    /// <summary>Alertmanager's own POST /api/v2/alerts: a list of postable alerts.</summary>
    AlertmanagerApi,
}
