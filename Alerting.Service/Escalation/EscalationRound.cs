using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Escalation;

/// <summary>
/// One round of escalation, in one transaction: every routed critical alert that fires unacknowledged, unsilenced and
/// uninhibited longer than its route's escalate_after goes to the route's escalate_to receiver, once per firing; when
/// such a firing ends, that receiver is told it resolved (if it takes resolved notices). Everything it knows is in
/// PostgreSQL (the alert's fired_at and acknowledgement, the escalations made), so a restart neither forgets nor repeats
/// one. Returns how many notifications it wrote to the outbox.
/// </summary>
public sealed class EscalationRound(NpgsqlDataSource dataSource, RoutingCache routing, RoutedAlerts alerts, GroupPayloads payloads, IOptions<RoutingOptions> options)
{
    /// <summary>Start times of one firing agree within this (microseconds in PostgreSQL, ticks in .NET).</summary>
    private static readonly TimeSpan SameFiring = TimeSpan.FromMilliseconds(1);

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await routing.RefreshAsync(cancellationToken);
        var tree = routing.Tree;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var open = await EscalationStore.OpenAsync(connection, transaction, cancellationToken);
        if (open.Count == 0 && tree.Root?.Walk().Any(route => route.Options.Escalation is not null) != true)
        {
            return 0;
        }
        var loaded = await alerts.LoadAsync(connection, transaction, options.Value.ResolvedLookback, cancellationToken);
        var notifications = new List<OutboxNotification>();
        foreach (var alert in loaded.Where(Escalates))
        {
            foreach (var route in tree.Match(alert.Member.Labels))
            {
                if (route.Options.Escalation is { } policy && now >= alert.Member.StartsAt + policy.After
                    && await EscalationStore.ClaimAsync(connection, transaction, alert.Member, route.Key, policy.Receiver, now, cancellationToken)
                    && await NoticeAsync(policy.Receiver, route.Key, alert.Member, resolved: false, cancellationToken) is { } notification)
                {
                    notifications.Add(notification);
                }
            }
        }
        var byFingerprint = loaded.ToDictionary(a => a.Member.Fingerprint, StringComparer.Ordinal);
        foreach (var escalation in open)
        {
            var alert = byFingerprint.GetValueOrDefault(PayloadBuilder.Fingerprint(escalation.RuleId, escalation.SeriesId));
            if (alert is { Firing: true } && (alert.Member.StartsAt - escalation.FiredAt).Duration() < SameFiring)
            {
                continue;
            }
            GroupMember? ended = alert is null ? null : alert.Member with { StartsAt = escalation.FiredAt, EndsAt = alert.Member.EndsAt ?? now };
            if (await EscalationStore.CloseAsync(connection, transaction, escalation, now, cancellationToken) && ended is not null
                && await NoticeAsync(escalation.Receiver, escalation.RouteKey, ended, resolved: true, cancellationToken) is { } notification)
            {
                notifications.Add(notification);
            }
        }
        await OutboxInsert.InsertAllAsync(connection, transaction, notifications, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return notifications.Count;
    }

    private static bool Escalates(RoutedAlert alert) =>
        alert is { Routed: true, Firing: true, Silenced: false, InhibitedBy: null, Acknowledged: false }
        && alert.Member.Labels.GetValueOrDefault("severity") == "critical";

    /// <summary>The escalation's notification, rendered for its receiver's kind; null when the receiver is gone or takes no resolved notices.</summary>
    private async Task<OutboxNotification?> NoticeAsync(string receiverName, string routeKey, GroupMember member, bool resolved, CancellationToken cancellationToken)
    {
        if (await routing.ReceiverAsync(receiverName, cancellationToken) is not { } receiver)
        {
            return null;
        }
        var groupLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["alertname"] = member.Labels.GetValueOrDefault("alertname") ?? "" };
        var notice = new GroupNotice($"escalation:{routeKey}:{member.Fingerprint}", receiver.Name, groupLabels, resolved ? [] : [member], resolved ? [member] : []);
        return GroupPayloads.ForReceiver(notice, receiver) is { } shaped ? payloads.Render(shaped, receiver) : null;
    }
}
