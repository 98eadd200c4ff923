using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>A group as a chat message: Slack blocks (header, one section per alert, context), or a Teams Adaptive Card.</summary>
public static class ChatGroupPayload
{
    /// <summary>Slack allows 50 blocks a message; the rest of a large group is counted in the last line.</summary>
    private const int MaxListedAlerts = 20;

    public static JsonObject Slack(GroupNotice notice, string externalUrl)
    {
        var blocks = new JsonArray(new JsonObject { ["type"] = "header", ["text"] = Plain(Title(notice)) });
        foreach (var line in Lines(notice, url => $"<{url}|Acknowledge>"))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = line } });
        }
        blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"<{externalUrl}|PerfMonitor> · {Grouped(notice)}" }) });
        return new JsonObject { ["text"] = Title(notice), ["blocks"] = blocks };
    }

    public static JsonObject Teams(GroupNotice notice, string externalUrl)
    {
        var body = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true, ["text"] = Title(notice) });
        foreach (var line in Lines(notice, url => $"[Acknowledge]({url})"))
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = line });
        }
        body.Add(new JsonObject { ["type"] = "TextBlock", ["isSubtle"] = true, ["wrap"] = true, ["text"] = Grouped(notice) });
        return TeamsCard(body, "Open PerfMonitor", externalUrl);
    }

    /// <summary>A Teams message of one Adaptive Card (1.4) with these blocks and one button that opens <paramref name="url"/>.</summary>
    public static JsonObject TeamsCard(JsonArray body, string action, string url) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.4",
                ["body"] = body,
                ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = action, ["url"] = url }),
            },
        }),
    };

    /// <summary>"[FIRING:2, RESOLVED:1] HighLatency", as Alertmanager titles a group.</summary>
    public static string Title(GroupNotice notice)
    {
        var counts = notice.Resolved.Count == 0 ? $"FIRING:{notice.Firing.Count}"
            : notice.Firing.Count == 0 ? $"RESOLVED:{notice.Resolved.Count}" : $"FIRING:{notice.Firing.Count}, RESOLVED:{notice.Resolved.Count}";
        var name = notice.CommonLabels.TryGetValue("alertname", out var alertname) ? alertname : string.Join(" ", notice.GroupLabels.Values);
        return $"[{counts}] {name}".TrimEnd();
    }

    /// <summary>One line per alert, firing first: its state, summary and labels, and a firing one's acknowledge link written by <paramref name="link"/>.</summary>
    public static IEnumerable<string> Lines(GroupNotice notice, Func<string, string> link)
    {
        var all = notice.Firing.Select(m => ("FIRING", m)).Concat(notice.Resolved.Select(m => ("RESOLVED", m))).ToList();
        foreach (var (state, member) in all.Take(MaxListedAlerts))
        {
            var summary = member.Annotations.GetValueOrDefault("summary") ?? member.Labels.GetValueOrDefault("alertname") ?? "";
            var labels = string.Join(", ", member.Labels.Where(l => l.Key != "perfmon_rule_id").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            var acknowledge = notice.AcknowledgeUrlOf(member) is { } url ? "\n" + link(url) : "";
            yield return $"*{state}* {summary}\n{labels}{acknowledge}";
        }
        if (all.Count > MaxListedAlerts)
        {
            yield return $"and {all.Count - MaxListedAlerts} more";
        }
    }

    private static string Grouped(GroupNotice notice) =>
        notice.GroupLabels.Count == 0 ? "ungrouped" : "grouped by " + string.Join(", ", notice.GroupLabels.Select(l => $"{l.Key}={l.Value}"));

    private static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text.Length > 150 ? text[..150] : text };
}
