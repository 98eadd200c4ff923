using PerfMonitor.Contracts;

namespace PerfMonitor.Gateway.Routing;

/// <summary>Which service owns which public path. Services own their routes; the gateway only forwards.</summary>
public static class RouteTable
{
    public sealed record Entry(string Service, string Endpoint, string Path);

    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";

    public static readonly IReadOnlyList<Entry> Entries =
    [
        new(ResourceNames.Collector, HttpEndpoint, "/api/v1/samples"),
        new(ResourceNames.Collector, GrpcEndpoint, "/perfmon.v1.Ingest/{**method}"),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/series"),
        new(ResourceNames.Analytics, HttpEndpoint, "/api/v1/rollups"),
        new(ResourceNames.Alerting, HttpEndpoint, "/api/v1/alert-rules/{**rest}"),
    ];
}
