using System.Text.Json.Nodes;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// A grouped outbox row made sendable with its receiver's current settings: the secret URL of Slack and Teams, the
/// PagerDuty routing key in the body, the webhook's signature. The outbox itself never holds a secret.
/// </summary>
public static class ReceiverRequests
{
    public static OutboxNotification Prepare(OutboxNotification row, Receiver receiver)
    {
        switch (receiver.Kind)
        {
            case ReceiverKind.PagerDuty:
                var body = JsonNode.Parse(row.Body)!.AsObject();
                body[PagerDutyGroupPayload.RoutingKeyField] = receiver.Secret;
                return row with { Url = receiver.SendUrl, Body = body.ToJsonString() };
            case ReceiverKind.Webhook when !string.IsNullOrEmpty(receiver.Secret):
                return row with { Url = receiver.SendUrl, Signature = WebhookSigner.Sign(receiver.Secret, row.Body) };
            default:
                return row with { Url = receiver.SendUrl };
        }
    }
}
