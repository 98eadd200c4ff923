using PerfMonitor.Contracts;

namespace PerfMonitor.Gateway.Routing;

/// <summary>
/// Which service owns which public path, which scope it needs, and how long a request may take and how large its body may
/// be there. Services own their routes; the gateway only forwards. gRPC routes need the scope of the exact method called
/// (<see cref="Grpc.GrpcMethodScopes"/>); the route's access says how that scope is decided.
/// </summary>
public static class RouteTable
{
    /// <param name="Timeout">Which whole-request limit applies; null for streams that live as long as the client wants.</param>
    /// <param name="MaxRequestBodySize">Bytes; -1 for no limit (streams the service bounds itself).</param>
    /// <param name="Access">The scope a request needs, by HTTP method (REST) or by the method's mapping (gRPC).</param>
    public sealed record Entry(string Service, string Endpoint, string Path, RouteTimeout? Timeout, long MaxRequestBodySize, RouteAccess Access)
    {
        public bool IsGrpc => Endpoint == GrpcEndpoint;
    }

    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";

    private const long Small = 1L << 20;
    private const long IngestBatch = 32L << 20;
    private const RouteTimeout Query = RouteTimeout.Query;
    private const RouteTimeout Write = RouteTimeout.Write;
    private const RouteTimeout PromQL = RouteTimeout.PromQL;

    public static readonly IReadOnlyList<Entry> Entries =
    [
        new(ResourceNames.Collector, HttpEndpoint, "/api/v1/samples", Write, IngestBatch, RouteAccess.Ingest),
        new(ResourceNames.Collector, HttpEndpoint, "/v1/metrics", Write, IngestBatch, RouteAccess.Ingest),
        new(ResourceNames.Collector, HttpEndpoint, "/api/v1/write", Write, IngestBatch, RouteAccess.Ingest),
        new(ResourceNames.Collector, GrpcEndpoint, "/perfmon.v1.Ingest/{**method}", null, -1, RouteAccess.Ingest),
        // OTLP/gRPC export: one unary call per export, limited as the OTLP/HTTP body of the same export is.
        new(ResourceNames.Collector, GrpcEndpoint, "/opentelemetry.proto.collector.metrics.v1.MetricsService/{**method}", Write, IngestBatch, RouteAccess.Ingest),

        // Analytics' own series list (GET) and Prometheus's (GET or form POST with match[]).
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/series", Query, Small, RouteAccess.Read),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/rollups/{**rest}", Query, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/anomalies/{**rest}", Query, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/health-scores/{**rest}", Query, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/performance/{**rest}", Query, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/timeseries", Query, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Analytics, GrpcEndpoint, "/perfmon.v1.Query/{**method}", Query, Small, RouteAccess.ReadWrite),
        // perfmon.v1.Query as JSON (gRPC JSON transcoding in the service, mapped in query.proto).
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/rpc/query/{**rest}", Query, Small, RouteAccess.ReadWrite),
        // Prometheus's HTTP API (PromQL over the rollups), by GET or form POST.
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/query", PromQL, Small, RouteAccess.Read),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/query_range", PromQL, Small, RouteAccess.Read),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/labels", Query, Small, RouteAccess.Read),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/label/{name}/values", Query, Small, RouteAccess.Read),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/metadata", Query, Small, RouteAccess.Read),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/status/buildinfo", Query, Small, RouteAccess.Read),

        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/alert-rules/{**rest}", Write, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/alerts/{**rest}", Query, Small, RouteAccess.ReadWrite),
        // Signed acknowledge links in notifications: GET shows a confirmation page, its form's POST acknowledges.
        new(ResourceNames.Alerting, HttpEndpoint, "/ack/{token}", Write, Small, RouteAccess.Token),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/silences/{**rest}", Write, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/notifications/{**rest}", Query, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/receivers/{**rest}", Write, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/routing/{**rest}", Write, Small, RouteAccess.ReadWrite),
        // SLO budgets are range queries and a report gathers its sources while the caller waits: PromQL's timeout.
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/slos/{**rest}", PromQL, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/reports/{**rest}", PromQL, Small, RouteAccess.ReadWrite),
        new(ResourceNames.Alerting, GrpcEndpoint, "/perfmon.v1.Alerts/{**method}", Write, Small, RouteAccess.ReadWrite),
        // perfmon.v1.Alerts as JSON (gRPC JSON transcoding in the service, mapped in alerts.proto).
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/rpc/alerts/{**rest}", Write, Small, RouteAccess.ReadWrite),
    ];

    /// <summary>The entry that forwards the gRPC service named <paramref name="fullName"/>; null when the gateway does not forward it.</summary>
    public static Entry? ForGrpcService(string fullName) =>
        Entries.FirstOrDefault(entry => entry.IsGrpc && entry.Path.StartsWith($"/{fullName}/", StringComparison.Ordinal));
}
