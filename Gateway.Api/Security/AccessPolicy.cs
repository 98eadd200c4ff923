namespace PerfMonitor.Gateway.Security;

/// <summary>
/// Which scope a request needs. Only the API surface is protected (<c>/api/</c>, OTLP <c>/v1/</c>, OTLP/gRPC's
/// MetricsService and the <c>perfmon.v1</c> gRPC services); probes, sign-in, docs, the dashboard's files and gRPC health/reflection are public.
/// </summary>
public static class AccessPolicy
{
    private static readonly string[] IngestPaths =
        ["/api/v1/samples", "/v1/metrics", "/api/v1/write", "/perfmon.v1.Ingest", "/opentelemetry.proto.collector.metrics.v1.MetricsService"];

    // gRPC methods of perfmon.v1.Alerts that change state, by verb.
    private static readonly string[] WriteVerbs = ["Create", "Update", "Put", "Delete", "Set", "Enable", "Disable", "Test", "Add", "Remove", "Expire", "Silence"];

    /// <returns>The scope needed, or null when the path is public.</returns>
    public static Scope? Required(HttpRequest request)
    {
        var path = request.Path;
        if (IngestPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return Scope.Ingest;
        }
        if (path.StartsWithSegments("/perfmon.v1.Alerts", StringComparison.OrdinalIgnoreCase, out var method))
        {
            var name = method.Value?.TrimStart('/') ?? "";
            return WriteVerbs.Any(verb => name.StartsWith(verb, StringComparison.Ordinal)) ? Scope.Admin : Scope.Read;
        }
        if (path.StartsWithSegments("/perfmon.v1", StringComparison.OrdinalIgnoreCase)
            || path.Value?.StartsWith("/perfmon.v1.", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Scope.Read;
        }
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                ? Scope.Read
                : Scope.Admin;
        }
        return null;
    }
}
