using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

/// <summary>Turns what the dedup stage decided to send into an outbox row, when the rule has a receiver, and notes that it was sent.</summary>
public sealed class OutboxStage(NotificationFactory notifications)
{
    public OutboxNotification? Render(in AlertChange change, AlertEventKind? send)
    {
        var instance = change.Instance;
        if (send is not { } kind || !instance.Rule.HasWebhook)
        {
            return null;
        }
        instance.MarkNotified(change.Now);
        return notifications.Create(instance.Rule, new AlertEvent(kind, instance.SeriesId, instance.Labels, instance.Value, instance.ActiveAt, instance.FiredAt, instance.ResolvedAt));
    }
}
