using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Notify;

/// <summary>Turns an alert event into an outbox row: rendered in the rule's format, signed with the rule's secret.</summary>
public sealed class NotificationFactory(PayloadBuilder payloads)
{
    public OutboxNotification Create(AlertRule rule, AlertEvent alert)
    {
        var id = Guid.CreateVersion7();
        var (url, body) = payloads.Build(rule, alert, id);
        var signature = string.IsNullOrEmpty(rule.Secret) ? null : WebhookSigner.Sign(rule.Secret, body);
        return new OutboxNotification(id, rule.Id, alert.Event == AlertEventKind.Test ? null : alert.SeriesId, alert.Event.ToWire(), url, rule.Format.ToWire(), body, signature, 0, DateTimeOffset.UtcNow, null);
    }
}
