namespace PerfMonitor.Gateway.Security;

/// <summary>
/// Whether a browser request comes from the gateway's own pages. Browsers add <c>Origin</c> to every state-changing
/// request and <c>Sec-Fetch-Site</c> to every request, and a page cannot forge either; a cookie alone proves nothing,
/// because the browser attaches it to requests another site triggers.
/// </summary>
public static class SameOrigin
{
    public const string Refused = "Cross-origin requests may not use the dashboard session: the Origin header must be this gateway's.";

    /// <summary>A state-changing request authenticated by the session cookie must prove it came from this origin.</summary>
    public static bool Holds(HttpRequest request) =>
        string.Equals(request.Headers["Sec-Fetch-Site"], "same-origin", StringComparison.OrdinalIgnoreCase)
        || string.Equals(request.Headers.Origin, OwnOrigin(request), StringComparison.OrdinalIgnoreCase);

    /// <summary>The login and logout forms: a request without an Origin (a script, curl) is fine, a foreign one is not.</summary>
    public static bool AllowsForm(HttpRequest request) => string.IsNullOrEmpty(request.Headers.Origin) || Holds(request);

    public static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
