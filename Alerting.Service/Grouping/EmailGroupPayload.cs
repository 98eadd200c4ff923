using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>A group as an e-mail: subject (the group's title), a plain-text and an HTML body listing each alert (a firing one with its acknowledge link). Sent by the e-mail client.</summary>
public static class EmailGroupPayload
{
    public static JsonObject Message(GroupNotice notice, string externalUrl)
    {
        var text = new StringBuilder();
        var html = new StringBuilder("<html><body>");
        html.Append("<h2>").Append(WebUtility.HtmlEncode(ChatGroupPayload.Title(notice))).Append("</h2><ul>");
        foreach (var (state, member) in notice.Firing.Select(m => ("FIRING", m)).Concat(notice.Resolved.Select(m => ("RESOLVED", m))))
        {
            var summary = member.Annotations.GetValueOrDefault("summary") ?? "";
            var labels = string.Join(", ", member.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            text.Append(state).Append(": ").Append(summary).Append('\n').Append("  ").Append(labels).Append('\n');
            html.Append("<li><b>").Append(state).Append("</b> ").Append(WebUtility.HtmlEncode(summary)).Append("<br><small>")
                .Append(WebUtility.HtmlEncode(labels)).Append("</small>");
            if (notice.AcknowledgeUrlOf(member) is { } acknowledge)
            {
                text.Append("  Acknowledge: ").Append(acknowledge).Append('\n');
                html.Append("<br><a href=\"").Append(WebUtility.HtmlEncode(acknowledge)).Append("\">Acknowledge</a>");
            }
            html.Append("</li>");
        }
        text.Append('\n').Append(externalUrl).Append('\n');
        html.Append("</ul><p><a href=\"").Append(WebUtility.HtmlEncode(externalUrl)).Append("\">Open PerfMonitor</a></p></body></html>");
        return new JsonObject { ["subject"] = ChatGroupPayload.Title(notice), ["text"] = text.ToString(), ["html"] = html.ToString() };
    }
}
