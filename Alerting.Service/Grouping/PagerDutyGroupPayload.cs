using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// A group as a PagerDuty Events API v2 event: trigger while anything fires, resolve once all is resolved, one incident
/// per group (the dedup key). The routing key is the receiver's secret and is added only when it is sent.
/// </summary>
public static class PagerDutyGroupPayload
{
    public const string RoutingKeyField = "routing_key";

    /// <summary>The severities PagerDuty accepts; ours share their names.</summary>
    private static readonly string[] PagerDutySeverities = ["critical", "error", "warning", "info"];

    /// <summary>PagerDuty caps the summary at 1024 characters.</summary>
    private const int MaxSummary = 1024;

    public static JsonObject Event(GroupNotice notice, string externalUrl)
    {
        var summary = ChatGroupPayload.Title(notice);
        var severity = notice.CommonLabels.GetValueOrDefault("severity") switch
        {
            { } known when PagerDutySeverities.Contains(known) => known,
            _ => "error",
        };
        var message = new JsonObject
        {
            ["event_action"] = notice.Firing.Count > 0 ? "trigger" : "resolve",
            ["dedup_key"] = DedupKey(notice.GroupKey),
            ["client"] = "PerfMonitor",
            ["client_url"] = externalUrl,
            ["payload"] = new JsonObject
            {
                ["summary"] = summary.Length > MaxSummary ? summary[..MaxSummary] : summary,
                ["source"] = notice.CommonLabels.GetValueOrDefault("service") ?? notice.CommonLabels.GetValueOrDefault("host") ?? "perfmon",
                ["severity"] = severity,
                ["timestamp"] = notice.All.Select(m => m.StartsAt).DefaultIfEmpty(DateTimeOffset.UtcNow).Min().ToString("O", CultureInfo.InvariantCulture),
                ["custom_details"] = new JsonObject
                {
                    ["firing"] = string.Join("\n", notice.Firing.Select(Line)),
                    ["resolved"] = string.Join("\n", notice.Resolved.Select(Line)),
                    ["num_firing"] = notice.Firing.Count,
                    ["num_resolved"] = notice.Resolved.Count,
                },
            },
        };
        // Events API v2 links: shown on the incident, one per firing alert that has an acknowledge link.
        var links = notice.Firing.Select(m => (Member: m, Url: notice.AcknowledgeUrlOf(m))).Where(link => link.Url is not null)
            .Select(link => (JsonNode)new JsonObject { ["href"] = link.Url, ["text"] = "Acknowledge in PerfMonitor: " + Line(link.Member).Trim() }).ToArray();
        if (links.Length > 0)
        {
            message["links"] = new JsonArray(links);
        }
        return message;
    }

    /// <summary>PagerDuty keeps dedup keys up to 255 characters: the group key's hash, stable across restarts.</summary>
    public static string DedupKey(string groupKey) => "perfmon-" + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(groupKey)).ToString("x16", CultureInfo.InvariantCulture);

    private static string Line(GroupMember member) =>
        (member.Annotations.GetValueOrDefault("summary") ?? "") + " " + string.Join(",", member.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
