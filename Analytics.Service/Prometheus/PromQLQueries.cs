using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Evaluation;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Runs PromQL over the rollups: a fresh <see cref="PostgresSeriesSource"/> per query (so Queries:MaxSeries bounds the
/// query as a whole), and the shorter of the request's timeout and Prometheus:QueryTimeout for the whole evaluation
/// and for each statement. Not Queries:StatementTimeout: that bounds the JSON rollup API's reads (10 s), and a PromQL
/// query over days of thousands of series may legitimately read longer, as Prometheus lets it for its 2 minutes.
/// </summary>
public sealed class PromQLQueries(NpgsqlDataSource dataSource, IOptions<QueryLimits> limits, IOptions<PrometheusApiOptions> options)
{
    private EngineOptions EngineOptions => new()
    {
        LookbackDeltaMs = (long)options.Value.LookbackDelta.TotalMilliseconds,
        MaxSteps = options.Value.MaxPointsPerSeries,
    };

    public Task<QueryResult> InstantAsync(string query, long timeMs, TimeSpan? timeout, CancellationToken cancellationToken) =>
        RunAsync((engine, token) => engine.InstantQueryAsync(query, timeMs, token), timeout, cancellationToken);

    public Task<QueryResult> RangeAsync(string query, long startMs, long endMs, long stepMs, TimeSpan? timeout, CancellationToken cancellationToken) =>
        RunAsync((engine, token) => engine.RangeQueryAsync(query, startMs, endMs, stepMs, token), timeout, cancellationToken);

    private async Task<QueryResult> RunAsync(Func<PromQLEngine, CancellationToken, Task<QueryResult>> run, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout is { } asked && asked < options.Value.QueryTimeout ? asked : options.Value.QueryTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var engine = new PromQLEngine(new PostgresSeriesSource(dataSource, limits.Value.MaxSeries, limit), EngineOptions);
        try
        {
            return await run(engine, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PromQLException(PromResults.Timeout, "query timed out in query execution");
        }
    }
}
