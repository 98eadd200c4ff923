namespace PerfMonitor.Alerting.Access;

/// <summary>
/// The scopes of the key a request came with, as the gateway forwards them (it sets the header on every HTTP request and
/// gRPC call and drops any value a client sent). No header means no scopes: the service trusts nobody else to set it.
/// </summary>
public static class CallerScopes
{
    public const string Header = "X-PerfMonitor-Scopes";
    public const string Admin = "admin";

    public static bool IsAdmin(HttpContext? context) =>
        context is not null && context.Request.Headers[Header]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Contains(Admin, StringComparer.OrdinalIgnoreCase);
}
