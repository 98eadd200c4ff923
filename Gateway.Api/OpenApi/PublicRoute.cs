namespace PerfMonitor.Gateway.OpenApi;

/// <summary>One forwarded operation as documented in the gateway's OpenAPI document.</summary>
public sealed record PublicRoute(
    string Method,
    string Path,
    string Tag,
    string Summary,
    string Description,
    IReadOnlyList<RouteParameter> Parameters,
    string? RequestExample,
    string SuccessStatus,
    string? ResponseExample,
    string ContentType = "application/json");
