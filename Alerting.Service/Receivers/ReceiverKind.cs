using System.Text.Json.Serialization;

namespace PerfMonitor.Alerting.Receivers;

/// <summary>Where a receiver sends. Each kind renders a notification group its own way (see Grouping/GroupPayloads).</summary>
public enum ReceiverKind
{
    /// <summary>Alertmanager's webhook v4 payload to a URL, signed with the receiver's secret when it has one.</summary>
    Webhook,

    /// <summary>A Slack incoming webhook; the URL is the secret.</summary>
    Slack,

    /// <summary>A Microsoft Teams incoming webhook (an Adaptive Card); the URL is the secret.</summary>
    [JsonStringEnumMemberName("msteams")]
    MsTeams,

    /// <summary>E-mail over SMTP; the password is the secret.</summary>
    Email,

    /// <summary>PagerDuty Events API v2; the routing (integration) key is the secret.</summary>
    [JsonStringEnumMemberName("pagerduty")]
    PagerDuty,

    /// <summary>Alertmanager's own API: the alerts pushed to its /api/v2/alerts.</summary>
    Alertmanager,
}
