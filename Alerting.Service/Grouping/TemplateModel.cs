using PerfMonitor.Alerting.Receivers.Templates;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// What a template sees of a group notification (snake_case, as Liquid reads): <c>title</c> (the default title),
/// <c>status</c>, <c>receiver</c>, <c>group_labels</c>, <c>common_labels</c>, <c>common_annotations</c>,
/// <c>external_url</c>, and <c>alerts</c> (firing first), <c>firing</c>, <c>resolved</c>, each alert with
/// <c>status</c>, <c>labels</c>, <c>annotations</c>, <c>summary</c>, <c>description</c>, <c>runbook_url</c>,
/// <c>value</c>, <c>starts_at</c>, <c>ends_at</c>, <c>fingerprint</c>, <c>generator_url</c>, <c>explorer_url</c> and
/// <c>ack_url</c> (a firing alert's signed acknowledge link; empty when there is none).
/// </summary>
public static class TemplateModel
{
    public static Dictionary<string, object> For(GroupNotice notice, string externalUrl, NotificationTemplateOptions options, DateTimeOffset now)
    {
        var firing = notice.Firing.Select(m => Alert(m, "firing", notice.AcknowledgeUrlOf(m), options, now)).ToList();
        var resolved = notice.Resolved.Select(m => Alert(m, "resolved", null, options, now)).ToList();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["title"] = ChatGroupPayload.Title(notice),
            ["status"] = notice.Status,
            ["receiver"] = notice.Receiver,
            ["group_labels"] = Strings(notice.GroupLabels),
            ["common_labels"] = Strings(notice.CommonLabels),
            ["common_annotations"] = Strings(notice.CommonAnnotations),
            ["external_url"] = externalUrl,
            ["alerts"] = firing.Concat(resolved).ToList(),
            ["firing"] = firing,
            ["resolved"] = resolved,
        };
    }

    private static Dictionary<string, object> Alert(GroupMember member, string status, string? acknowledgeUrl, NotificationTemplateOptions options, DateTimeOffset now)
    {
        var alert = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["status"] = status,
            ["labels"] = Strings(member.Labels),
            ["annotations"] = Strings(member.Annotations),
            ["summary"] = member.Annotations.GetValueOrDefault("summary") ?? "",
            ["description"] = member.Annotations.GetValueOrDefault("description") ?? "",
            ["runbook_url"] = member.Annotations.GetValueOrDefault("runbook_url") ?? "",
            ["value"] = member.Value,
            ["starts_at"] = member.StartsAt,
            ["fingerprint"] = member.Fingerprint,
            ["generator_url"] = member.GeneratorUrl,
            ["explorer_url"] = ExplorerLink.For(member, options.DashboardUrl, options.ExplorerMargin, now),
            ["ack_url"] = acknowledgeUrl ?? "",
        };
        if (member.EndsAt is { } endsAt)
        {
            alert["ends_at"] = endsAt;
        }
        return alert;
    }

    /// <summary>Label maps as Fluid reads dictionaries (string to object), so <c>labels.service</c> and <c>for pair in labels</c> work.</summary>
    private static Dictionary<string, object> Strings(IEnumerable<KeyValuePair<string, string>> pairs) =>
        pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal);
}
