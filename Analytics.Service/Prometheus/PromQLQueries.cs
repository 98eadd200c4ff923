using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Evaluation;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Runs PromQL over the rollups: a fresh <see cref="PostgresSeriesSource"/> per query (so Queries:MaxSeries bounds the
/// query as a whole), the shorter of the request's timeout and Prometheus:QueryTimeout for the whole evaluation, and
/// the shorter of that and Queries:StatementTimeout for each statement.
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
        var statementTimeout = limit < limits.Value.StatementTimeout ? limit : limits.Value.StatementTimeout;
        var engine = new PromQLEngine(new PostgresSeriesSource(dataSource, limits.Value.MaxSeries, statementTimeout), EngineOptions);
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
