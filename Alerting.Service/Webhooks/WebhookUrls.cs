namespace PerfMonitor.Alerting.Webhooks;

/// <summary>
/// A webhook URL is a credential (Slack and Teams put the token in the path): callers without the admin scope see only
/// its origin, scheme://host[:port], which is also the receiver's breaker key; path, query and user info are dropped.
/// </summary>
public static class WebhookUrls
{
    public static string ForCaller(string url, bool admin) => admin || url.Length == 0 ? url : Origin(url);

    public static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "";
}
