using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Gateway.Routing;

/// <summary>
/// The <c>RouteTimeouts</c> section: how long a forwarded request may take, as a whole and between two reads or writes of
/// the service's answer, before the gateway answers 504. Streams (gRPC Ingest/Push) have none.
/// </summary>
public sealed class RouteTimeoutOptions
{
    public const string Section = "RouteTimeouts";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Query { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Write { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// /api/v1/query and /api/v1/query_range. Keep it longer than analytics' <c>Prometheus:QueryTimeout</c> (2 minutes,
    /// Prometheus's --query.timeout), so that a slow query gets Prometheus's own timeout error from analytics rather than a
    /// 504 from the gateway; the margin covers writing a large answer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan PromQL { get; set; } = TimeSpan.FromMinutes(2.5);

    public TimeSpan Of(RouteTimeout timeout) => timeout switch
    {
        RouteTimeout.Query => Query,
        RouteTimeout.Write => Write,
        _ => PromQL,
    };
}
