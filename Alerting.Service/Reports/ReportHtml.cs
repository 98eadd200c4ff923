using System.Net;
using System.Text;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// A report as a self-contained HTML page (inline styles only, as mail clients need). Every value that came from data,
/// label values above all, is HTML-encoded.
/// </summary>
public static class ReportHtml
{
    public static string Render(Report report)
    {
        var html = new StringBuilder();
        var title = ReportText.Title(report);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head>")
            .Append("<body style=\"font-family:sans-serif\"><h1>").Append(E(title)).Append("</h1>");
        foreach (var (section, reason) in report.Unavailable.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            html.Append("<p style=\"color:#a00\">").Append(E(section)).Append(": ").Append(E(reason)).Append("</p>");
        }
        Table(html, "Health per service", ["Service", "Score", "Status", "Lowest in period"],
            report.Health.Select(h => new[] { h.Service, ReportText.Number(h.Score), h.Status, ReportText.Number(h.LowestScore) }));
        Table(html, "Alerts fired", ["Rule", "Severity", "Fired", "Resolved", "Mean time to resolve", "Longest"],
            report.Alerts.Select(a => new[] { a.Rule, a.Severity, ReportText.Number(a.Fired), ReportText.Number(a.Resolved),
                ReportText.Seconds(a.MeanSecondsToResolve), ReportText.Seconds(a.MaxSecondsToResolve) }));
        Table(html, "Anomalies", ["Service", "Metric", "Count", "Highest severity", "Highest score"],
            report.Anomalies.Select(a => new[] { a.Service, a.Metric, ReportText.Number(a.Count), a.HighestSeverity, ReportText.Number(a.HighestScore) }));
        Table(html, "Slowest routes (p95)", ["Service", "Route", "Method", "p95", "A week before", "Change"],
            report.SlowestRoutes.Select(r => new[] { r.Service, r.Route, r.Method, ReportText.Number(r.P95), ReportText.Number(r.PreviousP95), ReportText.Change(r.ChangePercent) }));
        Table(html, "Week over week", ["Service", "Requests", "A week before", "Change", "5xx", "5xx a week before"],
            report.Traffic.Select(t => new[] { t.Service, ReportText.Number(t.Requests), ReportText.Number(t.PreviousRequests),
                ReportText.Change(t.RequestsChangePercent), ReportText.Number(t.Errors), ReportText.Number(t.PreviousErrors) }));
        return html.Append("<p style=\"color:#666\">Generated ").Append(E(ReportText.Time(report.GeneratedAt))).Append("</p></body></html>").ToString();
    }

    private static void Table(StringBuilder html, string heading, string[] columns, IEnumerable<string[]> rows)
    {
        html.Append("<h2>").Append(E(heading)).Append("</h2>");
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }
        html.Append("<table style=\"border-collapse:collapse\"><tr>");
        foreach (var column in columns)
        {
            html.Append("<th style=\"text-align:left;padding:2px 8px\">").Append(E(column)).Append("</th>");
        }
        html.Append("</tr>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td style=\"padding:2px 8px\">").Append(E(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
