namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// An aggregation group, as stored in perfmon.notification_groups: its receiver and route, when it was first seen, when
/// its last notification left, and the firing alerts that notification reported.
/// </summary>
public sealed class GroupState(string key, string receiver, string routeKey, DateTimeOffset firstSeenAt)
{
    public string Key => key;

    public string Receiver => receiver;

    public string RouteKey => routeKey;

    public DateTimeOffset FirstSeenAt => firstSeenAt;

    public DateTimeOffset? LastSentAt { get; set; }

    public Dictionary<string, GroupMember> Sent { get; set; } = new(StringComparer.Ordinal);
}
