using System.Globalization;
using System.Net;
using System.Text;
using PerfMonitor.Alerting.State;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>
/// The pages a signed acknowledge link shows: a confirmation with a form (a GET never acknowledges, so mail scanners and
/// link previews cannot), the result, or why the link does not work. Every value is HTML-encoded.
/// </summary>
public static class AcknowledgePage
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.5rem 0}";

    public static string Confirm(AlertView alert) => Page("Acknowledge this alert?", $"""
        {Summary(alert)}
        <form method="post">
          <label>Your name <input name="by" maxlength="{AcknowledgeRequest.MaxByLength}" autocomplete="name"></label>
          <label>Comment <input name="comment" maxlength="{AcknowledgeRequest.MaxCommentLength}"></label>
          <button type="submit" id="acknowledge">Acknowledge</button>
        </form>
        """);

    public static string Done(AlertView alert) => Page("Acknowledged", $"""
        {Summary(alert)}
        <p id="acknowledged">Acknowledged by {Encode(alert.AcknowledgedBy)} at {Encode(Time(alert.AcknowledgedAt))}.</p>
        """);

    public static string Problem(string title, string detail) => Page(title, $"<p id=\"problem\">{Encode(detail)}</p>");

    private static string Summary(AlertView alert)
    {
        var labels = new StringBuilder();
        foreach (var (name, value) in alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            labels.Append("<li><code>").Append(Encode(name)).Append('=').Append(Encode(value)).Append("</code></li>");
        }
        return $"""
            <p><strong>{Encode(alert.RuleName)}</strong> ({Encode(alert.Severity)}), {Encode(alert.State)} since {Encode(Time(alert.FiredAt))}</p>
            <ul>{labels}</ul>
            """;
    }

    private static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <meta name="robots" content="noindex"><title>{Encode(title)} - PerfMonitor</title>
        <style>{Style}</style>
        </head><body><h1>{Encode(title)}</h1>
        {body}
        </body></html>
        """;

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
