using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Reports;

/// <summary>A report as the API returns it: its numbers, its HTML page and its Slack blocks.</summary>
public sealed record ReportView(Guid Id, string Kind, string Title, Report Report, string Html, JsonNode? Slack)
{
    public static ReportView From(StoredReport stored) =>
        new(stored.Id, stored.Report.Kind.ToWire(), ReportText.Title(stored.Report), stored.Report, stored.Html, JsonNode.Parse(stored.SlackJson));
}
