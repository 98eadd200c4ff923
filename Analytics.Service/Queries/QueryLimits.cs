using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// What one query may cost. Past a limit the query is refused with 422 (gRPC FAILED_PRECONDITION) naming the parameter
/// to narrow, never a 500: a query too expensive to answer is the client's to narrow.
/// </summary>
public sealed class QueryLimits
{
    public const string Section = "Queries";

    /// <summary>
    /// Series one rollup or time-series query may merge, and series one listing may return (its limit), over REST,
    /// gRPC and JSON transcoding. Each series adds a sketch to merge per bucket.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxSeries { get; set; } = 10_000;

    /// <summary>
    /// PostgreSQL statement_timeout of every statement a query endpoint runs (rollups, time series, series, late
    /// samples, performance summary). Set per transaction, so the consumer's COPY and the background jobs that share
    /// the connection pool keep the server's own setting.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
