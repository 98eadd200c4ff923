using System.Text.Json;
using Npgsql;

namespace PerfMonitor.LoadGen;

/// <summary>
/// The samples of a run counted in PerfMonitor's minute rollups, straight from PostgreSQL: the same rows
/// <c>/api/v1/rollups</c> reads, summed without merging a sketch per row, so it is cheap enough to poll every second
/// while the system is measured. Only for a system the load generator booted (it needs the database). Serial plans
/// only: a parallel plan forks worker backends at every poll, and their CPU counts as PerfMonitor's PostgreSQL, not as
/// the load generator's, in the run's per-sample CPU.
/// </summary>
public sealed class MinuteRollupCount(string connectionString) : IDisposable
{
    private const string Sql = """
        SELECT coalesce(sum(r.count), 0)::bigint
        FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id)
        WHERE s.labels @> $1::jsonb AND r.bucket >= $2
        """;

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c max_parallel_workers_per_gather=0" }.ConnectionString);

    public async Task<long> CountAsync(string runId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(new Dictionary<string, string> { ["run"] = runId }));
        command.Parameters.AddWithValue(since.AddMinutes(-1));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Dispose() => dataSource.Dispose();
}
