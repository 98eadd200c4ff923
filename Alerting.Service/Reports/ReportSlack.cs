using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// A report as Slack Block Kit (<c>{"blocks":[...]}</c>): a header, then a section per part in mrkdwn. Slack's control
/// characters (&amp;, &lt;, &gt;) in values are escaped as Slack asks, so a label cannot become a link or a mention.
/// </summary>
public static class ReportSlack
{
    /// <summary>Slack refuses a section text longer than 3000 characters.</summary>
    private const int MaxSectionText = 3000;
    private const int MaxHeaderText = 150;
    private const string Ellipsis = "…";

    public static JsonObject Render(Report report)
    {
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(Cut(ReportText.Title(report), MaxHeaderText)) },
        };
        foreach (var (section, reason) in report.Unavailable.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            blocks.Add(Section($":warning: *{E(section)}*: {E(reason)}"));
        }
        blocks.Add(Section("*Health per service*", report.Health.Select(h =>
            $"{E(h.Service)}: {ReportText.Number(h.Score)} ({E(h.Status)}), lowest {ReportText.Number(h.LowestScore)}")));
        blocks.Add(Section("*Alerts fired*", report.Alerts.Select(a =>
            $"{E(a.Rule)} ({E(a.Severity)}): fired {a.Fired}, resolved {a.Resolved}, mean time to resolve {ReportText.Seconds(a.MeanSecondsToResolve)}")));
        blocks.Add(Section("*Anomalies*", report.Anomalies.Select(a =>
            $"{E(a.Service)} {E(a.Metric)}: {a.Count} (highest {E(a.HighestSeverity)})")));
        blocks.Add(Section("*Slowest routes (p95)*", report.SlowestRoutes.Select(r =>
            $"{E(r.Service)} {E(r.Method)} {E(r.Route)}: {ReportText.Number(r.P95)} ({ReportText.Change(r.ChangePercent)} week over week)")));
        blocks.Add(Section("*Week over week*", report.Traffic.Select(t =>
            $"{E(t.Service)}: {ReportText.Number(t.Requests)} requests ({ReportText.Change(t.RequestsChangePercent)}), {ReportText.Number(t.Errors)} 5xx")));
        return new JsonObject { ["text"] = ReportText.Title(report), ["blocks"] = blocks };
    }

    private static JsonObject Section(string heading, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return Section(heading + "\n" + (list.Count == 0 ? "None." : string.Join("\n", list.Select(l => "• " + l))));
    }

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(text, MaxSectionText) } };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - Ellipsis.Length)] + Ellipsis;

    private static string E(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
