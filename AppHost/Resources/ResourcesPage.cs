using System.Net;
using System.Text;
using PerfMonitor.Hosting;

namespace PerfMonitor.AppHost.Resources;

/// <summary>
/// The AppHost's resources page: every resource's kind, state, PID, endpoints, health, restarts and last log
/// lines, refreshed every few seconds; the same as JSON at /api/resources.
/// </summary>
public static class ResourcesPage
{
    private const int LogLinesShown = 15;

    public static WebApplication MapResourcesPage(this WebApplication app)
    {
        app.MapGet("/api/resources", (SystemState state) => TypedResults.Ok(new
        {
            state.Phase,
            Resources = (state.Application?.Resources ?? []).Select(r => new
            {
                r.Name, r.Kind, State = r.State.ToString(), r.ProcessId, r.Endpoints, r.HealthDetail, r.Restarts,
                Logs = r.RecentLogs.TakeLast(LogLinesShown),
            }),
        }));
        app.MapGet("/", (SystemState state) => Results.Content(Render(state), "text/html; charset=utf-8"));
        return app;
    }

    private static string Render(SystemState state)
    {
        var html = new StringBuilder("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
            <title>PerfMonitor resources</title><style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2937;background:#f8fafc}
            table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 3px #0002}
            th,td{padding:.5rem .75rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top;font-size:.9rem}
            th{background:#111827;color:#fff}.Healthy{color:#15803d;font-weight:600}.Unhealthy,.Failed{color:#b91c1c;font-weight:600}
            .Starting,.Restarting{color:#b45309;font-weight:600}pre{margin:0;max-height:12rem;overflow:auto;font-size:.75rem;background:#f1f5f9;padding:.5rem}
            </style></head><body>
            """);
        html.Append($"<h1>PerfMonitor resources</h1><p>System: <strong>{Encode(state.Phase)}</strong></p>");
        html.Append("<table><tr><th>Name</th><th>Kind</th><th>State</th><th>PID</th><th>Endpoints</th><th>Health</th><th>Restarts</th><th>Last log lines</th></tr>");
        foreach (var resource in state.Application?.Resources ?? [])
        {
            html.Append($"<tr><td>{Encode(resource.Name)}</td><td>{Encode(resource.Kind)}</td><td class=\"{resource.State}\">{resource.State}</td>");
            html.Append($"<td>{resource.ProcessId?.ToString() ?? "-"}</td><td>");
            foreach (var (name, url) in resource.Endpoints)
            {
                html.Append($"{Encode(name)}: <a href=\"{Encode(url)}\">{Encode(url)}</a><br>");
            }
            html.Append($"</td><td>{Encode(resource.HealthDetail ?? "")}</td><td>{resource.Restarts}</td>");
            html.Append($"<td><pre>{Encode(string.Join('\n', resource.RecentLogs.TakeLast(LogLinesShown)))}</pre></td></tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
