namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// An aggregation group, as stored in perfmon.notification_groups: its receiver and route, when it was first seen, when
/// its last notification left, the firing alerts that notification reported, and the alerts that joined since.
/// </summary>
public sealed class GroupState(string key, string receiver, string routeKey, DateTimeOffset firstSeenAt)
{
    public string Key => key;

    public string Receiver => receiver;

    public string RouteKey => routeKey;

    public DateTimeOffset FirstSeenAt => firstSeenAt;

    public DateTimeOffset? LastSentAt { get; set; }

    public Dictionary<string, GroupMember> Sent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Alerts that fired in the group after its last notification was written, while the group was not yet due or its
    /// notification still waited in the outbox. One that resolves before the next notification is reported resolved
    /// there; without this it would never reach the receiver at all.
    /// </summary>
    public Dictionary<string, GroupMember> Joined { get; set; } = new(StringComparer.Ordinal);
}
