using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>A group as Alertmanager writes it: the webhook v4 message (firing and resolved alerts together), or the postable alerts its API v2 takes.</summary>
public static class AlertmanagerGroupPayload
{
    /// <summary>The annotation of a firing alert that holds its signed acknowledge link.</summary>
    public const string AcknowledgeAnnotation = "ack_url";

    private static readonly DateTimeOffset ZeroTime = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JsonObject Webhook(GroupNotice notice, string externalUrl) => new()
    {
        ["version"] = "4",
        ["groupKey"] = notice.GroupKey,
        ["truncatedAlerts"] = 0,
        ["status"] = notice.Status,
        ["receiver"] = notice.Receiver,
        ["groupLabels"] = Labels(notice.GroupLabels),
        ["commonLabels"] = Labels(notice.CommonLabels),
        ["commonAnnotations"] = Labels(notice.CommonAnnotations),
        ["externalURL"] = externalUrl,
        ["alerts"] = new JsonArray([.. notice.Firing.Select(m => WebhookAlert(m, "firing", notice.AcknowledgeUrlOf(m))), .. notice.Resolved.Select(m => WebhookAlert(m, "resolved", null))]),
    };

    /// <summary>Alertmanager's postableAlerts: endsAt only on the resolved ones, so Alertmanager resolves exactly those.</summary>
    public static JsonArray Postable(GroupNotice notice) =>
        new([.. notice.Firing.Select(m => PostableAlert(m, resolved: false)), .. notice.Resolved.Select(m => PostableAlert(m, resolved: true))]);

    public static JsonObject Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var node = new JsonObject();
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            node[name] = value;
        }
        return node;
    }

    /// <summary>
    /// The webhook v4 message has no field for an acknowledge link, so it goes in the alert's annotations (<c>ack_url</c>),
    /// which every v4 consumer keeps and most show.
    /// </summary>
    private static JsonObject WebhookAlert(GroupMember member, string status, string? acknowledgeUrl) => new()
    {
        ["status"] = status,
        ["labels"] = Labels(member.Labels),
        ["annotations"] = Labels(acknowledgeUrl is null ? member.Annotations : new Dictionary<string, string>(member.Annotations) { [AcknowledgeAnnotation] = acknowledgeUrl }),
        ["startsAt"] = member.StartsAt,
        ["endsAt"] = status == "resolved" ? member.EndsAt ?? DateTimeOffset.UtcNow : ZeroTime,
        ["generatorURL"] = member.GeneratorUrl,
        ["fingerprint"] = member.Fingerprint,
    };

    private static JsonObject PostableAlert(GroupMember member, bool resolved)
    {
        var alert = new JsonObject
        {
            ["labels"] = Labels(member.Labels),
            ["annotations"] = Labels(member.Annotations),
            ["startsAt"] = member.StartsAt,
            ["generatorURL"] = member.GeneratorUrl,
        };
        if (resolved)
        {
            alert["endsAt"] = member.EndsAt ?? DateTimeOffset.UtcNow;
        }
        return alert;
    }
}
