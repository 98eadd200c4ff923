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

public sealed record RouteParameter(string Name, string In, bool Required, string Description, string Example);
