using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>Turns a group notice into an outbox row for its receiver: rendered for the receiver's kind, its target redacted (the secret stays in the receiver).</summary>
public sealed class GroupPayloads(IOptions<PayloadOptions> options)
{
    public OutboxNotification Render(GroupNotice notice, Receiver receiver)
    {
        var externalUrl = options.Value.ExternalUrl;
        JsonNode body = receiver.Kind switch
        {
            ReceiverKind.Slack => ChatGroupPayload.Slack(notice, externalUrl),
            ReceiverKind.MsTeams => ChatGroupPayload.Teams(notice, externalUrl),
            ReceiverKind.PagerDuty => PagerDutyGroupPayload.Event(notice, externalUrl),
            ReceiverKind.Email => EmailGroupPayload.Message(notice, externalUrl),
            ReceiverKind.Alertmanager => AlertmanagerGroupPayload.Postable(notice),
            _ => AlertmanagerGroupPayload.Webhook(notice, externalUrl),
        };
        var first = notice.All.First();
        return new OutboxNotification(Guid.CreateVersion7(), first.RuleId, null, notice.Status, receiver.Target, receiver.Kind.ToWire(), body.ToJsonString(), null, 0, DateTimeOffset.UtcNow, null)
        {
            Receiver = receiver.Name,
            GroupKey = notice.GroupKey,
        };
    }

    /// <summary>The notice as the receiver wants it: without the resolved alerts when it does not take them; null when nothing is left to say.</summary>
    public static GroupNotice? ForReceiver(GroupNotice notice, Receiver receiver)
    {
        var shaped = receiver.SendResolved ? notice : notice with { Resolved = [] };
        return shaped.Firing.Count + shaped.Resolved.Count == 0 ? null : shaped;
    }
}
