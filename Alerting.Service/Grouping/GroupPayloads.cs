using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// Turns a group notice into an outbox row for its receiver: rendered for the receiver's kind (with the receiver's own
/// templates when it has them), each firing alert with its signed acknowledge link, its target redacted (the secret
/// stays in the receiver). Built without <c>templates</c>, every receiver gets its kind's default wording; without
/// <c>acknowledgeLinks</c>, no links.
/// </summary>
public sealed class GroupPayloads(IOptions<PayloadOptions> options, TemplatedPayloads? templates = null, AcknowledgeLinks? acknowledgeLinks = null)
{
    public OutboxNotification Render(GroupNotice notice, Receiver receiver)
    {
        var externalUrl = options.Value.ExternalUrl;
        notice = WithAcknowledgeUrls(notice, receiver);
        JsonNode body = receiver.Kind switch
        {
            ReceiverKind.Slack => ChatGroupPayload.Slack(notice, externalUrl),
            ReceiverKind.MsTeams => ChatGroupPayload.Teams(notice, externalUrl),
            ReceiverKind.PagerDuty => PagerDutyGroupPayload.Event(notice, externalUrl),
            ReceiverKind.Email => EmailGroupPayload.Message(notice, externalUrl),
            ReceiverKind.Alertmanager => AlertmanagerGroupPayload.Postable(notice),
            _ => AlertmanagerGroupPayload.Webhook(notice, externalUrl),
        };
        if (body is JsonObject message)
        {
            templates?.Apply(message, notice, receiver, externalUrl);
        }
        var first = notice.All.First();
        return new OutboxNotification(Guid.CreateVersion7(), first.RuleId, null, notice.Status, receiver.Target, receiver.Kind.ToWire(), body.ToJsonString(), null, 0, DateTimeOffset.UtcNow, null)
        {
            Receiver = receiver.Name,
            GroupKey = notice.GroupKey,
        };
    }

    /// <summary>
    /// The notice with each firing alert's acknowledge link, when links are made (a public address is set). An
    /// Alertmanager words its own notifications and acknowledges in its own way: it gets none.
    /// </summary>
    private GroupNotice WithAcknowledgeUrls(GroupNotice notice, Receiver receiver)
    {
        if (acknowledgeLinks is null || receiver.Kind == ReceiverKind.Alertmanager)
        {
            return notice;
        }
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in notice.Firing)
        {
            if (acknowledgeLinks.For(member.Fingerprint, member.StartsAt) is { } url)
            {
                urls[member.Fingerprint] = url;
            }
        }
        return notice with { AcknowledgeUrls = urls };
    }

    /// <summary>The notice as the receiver wants it: without the resolved alerts when it does not take them; null when nothing is left to say.</summary>
    public static GroupNotice? ForReceiver(GroupNotice notice, Receiver receiver)
    {
        var shaped = receiver.SendResolved ? notice : notice with { Resolved = [] };
        return shaped.Firing.Count + shaped.Resolved.Count == 0 ? null : shaped;
    }
}
