using System.Net;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>What came back from a receiver: the status, and the start of the body, read within its limits.</summary>
public sealed record WebhookResponse(HttpStatusCode StatusCode, string? ReasonPhrase, string BodyExcerpt)
{
    /// <summary>The delivery log shows this much of a receiver's error body: enough for its message, not a page of HTML.</summary>
    private const int ErrorExcerptLength = 200;

    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>For the delivery log: "HTTP 400 Bad Request: {"error":"..."}".</summary>
    public string? Error => IsSuccess ? null : $"HTTP {(int)StatusCode} {ReasonPhrase}{Excerpt()}";

    private string Excerpt()
    {
        var text = string.Join(' ', BodyExcerpt.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return text.Length == 0 ? "" : ": " + (text.Length <= ErrorExcerptLength ? text : text[..ErrorExcerptLength] + "…");
    }
}
