using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;
using static PerfMonitor.Collector.Collectors.Common.CollectedSample;

namespace PerfMonitor.Collector.Collectors.Postgres;

/// <summary>
/// PostgreSQL health: connections used against max_connections (pool utilization), and per database the cache hit
/// ratio, commits, rollbacks, deadlocks and size; slow statements from pg_stat_statements when it is installed;
/// replication lag on a primary with replicas, or on a replica itself.
/// </summary>
public sealed partial class PostgresCollector(
    IngestPipeline pipeline, TimeProvider clock, CollectorDatabase database, IOptions<PostgresCollectorOptions> options, ILogger<PostgresCollector> logger)
    : PeriodicCollector(pipeline, clock, logger)
{
    private bool statementsUnavailableLogged;

    protected override string Source => "postgres";

    protected override CollectorOptions Settings => options.Value;

    protected override bool CanRun(out string reason)
    {
        reason = "ConnectionStrings:metricsdb is not configured";
        return database.DataSource is not null;
    }

    protected override async Task CollectAsync(List<Sample> samples, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource!.OpenConnectionAsync(cancellationToken);
        var server = ("server", $"{connection.Host}:{connection.Port}");
        await AddConnectionsAsync(connection, samples, server, cancellationToken);
        await AddDatabasesAsync(connection, samples, server, cancellationToken);
        await AddSlowQueriesAsync(connection, samples, server, cancellationToken);
        await AddReplicationAsync(connection, samples, server, cancellationToken);
    }

    private static async Task AddConnectionsAsync(NpgsqlConnection connection, List<Sample> samples, (string, string) server, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'), current_setting('max_connections')::int", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var used = reader.GetInt64(0);
        var max = reader.GetInt32(1);
        samples.Add(Gauge("postgres_connections_used", used, "{connection}", server));
        samples.Add(Gauge("postgres_connections_max", max, "{connection}", server));
        samples.Add(Gauge("postgres_pool_utilization_percent", max > 0 ? 100.0 * used / max : 0, "%", server));
    }

    private static async Task AddDatabasesAsync(NpgsqlConnection connection, List<Sample> samples, (string, string) server, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT d.datname, d.xact_commit, d.xact_rollback, d.deadlocks, d.blks_hit, d.blks_read, pg_database_size(d.datname)
            FROM pg_stat_database d JOIN pg_database p ON p.datname = d.datname
            WHERE NOT p.datistemplate AND has_database_privilege(d.datname, 'CONNECT')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var labels = new[] { server, ("database", reader.GetString(0)) };
            var hit = reader.GetInt64(4);
            var read = reader.GetInt64(5);
            samples.Add(Counter("postgres_commits_total", reader.GetInt64(1), "{transaction}", labels));
            samples.Add(Counter("postgres_rollbacks_total", reader.GetInt64(2), "{transaction}", labels));
            samples.Add(Counter("postgres_deadlocks_total", reader.GetInt64(3), "{deadlock}", labels));
            samples.Add(Gauge("postgres_database_size_bytes", reader.GetInt64(6), "By", labels));
            if (hit + read > 0)
            {
                samples.Add(Gauge("postgres_cache_hit_ratio", (double)hit / (hit + read), "1", labels));
            }
        }
    }

    private async Task AddSlowQueriesAsync(NpgsqlConnection connection, List<Sample> samples, (string, string) server, CancellationToken cancellationToken)
    {
        await using (var installed = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')", connection))
        {
            if (!(bool)(await installed.ExecuteScalarAsync(cancellationToken))!)
            {
                LogStatementsUnavailable("the pg_stat_statements extension is not installed in this database");
                return;
            }
        }

        var settings = options.Value;
        await using var command = new NpgsqlCommand(
            """
            SELECT queryid, left(regexp_replace(query, '\s+', ' ', 'g'), $3), calls, mean_exec_time
            FROM pg_stat_statements WHERE mean_exec_time >= $1 AND queryid IS NOT NULL
            ORDER BY mean_exec_time DESC LIMIT $2
            """, connection)
        {
            Parameters = { new() { Value = settings.SlowQueryThreshold.TotalMilliseconds }, new() { Value = (long)settings.MaxSlowQueries }, new() { Value = settings.QueryLabelLength } },
        };
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var slow = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                slow++;
                var labels = new[] { server, ("queryid", reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("query", reader.GetString(1)) };
                samples.Add(Counter("postgres_slow_query_calls_total", reader.GetInt64(2), "{call}", labels));
                samples.Add(Gauge("postgres_slow_query_mean_ms", reader.GetDouble(3), "ms", labels));
            }
            samples.Add(Gauge("postgres_slow_queries", slow, "{statement}", server));
        }
        catch (PostgresException ex)
        {
            // Installed but not loaded through shared_preload_libraries, or no permission to read it.
            LogStatementsUnavailable(ex.MessageText);
        }
    }

    private static async Task AddReplicationAsync(NpgsqlConnection connection, List<Sample> samples, (string, string) server, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(nullif(application_name, ''), client_addr::text, 'replica'),
                   coalesce(EXTRACT(EPOCH FROM replay_lag), 0)::float8,
                   coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::float8
            FROM pg_stat_replication WHERE NOT pg_is_in_recovery()
            UNION ALL
            SELECT 'self', coalesce(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)::float8, NULL
            WHERE pg_is_in_recovery()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var labels = new[] { server, ("replica", reader.GetString(0)) };
            samples.Add(Gauge("postgres_replication_lag_seconds", reader.GetDouble(1), "s", labels));
            if (!reader.IsDBNull(2))
            {
                samples.Add(Gauge("postgres_replication_lag_bytes", reader.GetDouble(2), "By", labels));
            }
        }
    }

    private void LogStatementsUnavailable(string reason)
    {
        if (!statementsUnavailableLogged)
        {
            statementsUnavailableLogged = true;
            LogNoSlowQueries(reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slow queries are not collected: {Reason}")]
    private partial void LogNoSlowQueries(string reason);
}
