using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// A kept report as an outbox row for one receiver: e-mail gets the report's HTML page (and a plain-text part with its
/// link), Slack its blocks, Teams a card that links to it, a webhook the numbers as JSON. PagerDuty and Alertmanager
/// take incidents and alerts, not reports: null for them.
/// </summary>
public sealed class ReportPayloads(IOptions<PayloadOptions> options, TimeProvider clock)
{
    /// <summary>The event a report's delivery carries (X-PerfMonitor-Event), beside firing and resolved.</summary>
    public const string Event = "report";

    public static bool Takes(ReceiverKind kind) => kind is ReceiverKind.Email or ReceiverKind.Slack or ReceiverKind.MsTeams or ReceiverKind.Webhook;

    public OutboxNotification? Render(StoredReport stored, Receiver receiver)
    {
        var title = ReportText.Title(stored.Report);
        var link = $"{options.Value.ExternalUrl.TrimEnd('/')}/api/v1/reports/{stored.Id}/html";
        JsonNode? body = receiver.Kind switch
        {
            ReceiverKind.Email => new JsonObject { ["subject"] = title, ["text"] = $"{title}\n\nThe report is this message's HTML part, and at {link}\n", ["html"] = stored.Html },
            ReceiverKind.Slack => JsonNode.Parse(stored.SlackJson),
            ReceiverKind.MsTeams => ChatGroupPayload.TeamsCard(
                new JsonArray(new JsonObject { ["type"] = "TextBlock", ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true, ["text"] = title }), "Open the report", link),
            ReceiverKind.Webhook => new JsonObject
            {
                ["version"] = "1",
                ["event"] = Event,
                ["reportId"] = stored.Id,
                ["title"] = title,
                ["url"] = link,
                ["report"] = JsonSerializer.SerializeToNode(stored.Report, ReportStore.Json),
            },
            _ => null,
        };
        // The report's id stands in the rule id column, so GET /api/v1/notifications?ruleId={report id} finds its deliveries.
        return body is null ? null : new OutboxNotification(
            Guid.CreateVersion7(), stored.Id, null, Event, receiver.Target, receiver.Kind.ToWire(), body.ToJsonString(), null, 0, clock.GetUtcNow(), null)
        {
            Receiver = receiver.Name,
        };
    }
}
