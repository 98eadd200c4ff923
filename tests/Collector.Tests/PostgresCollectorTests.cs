using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Collectors.Postgres;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests;

public sealed class PostgresCollectorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task A_real_PostgreSQL_yields_pool_utilization_cache_hits_transactions_and_size()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:metricsdb"] = postgres.ConnectionString })
            .Build();
        await using var database = new CollectorDatabase(configuration);
        await using (var work = await database.DataSource!.OpenConnectionAsync())
        {
            await new NpgsqlCommand("CREATE TABLE IF NOT EXISTS t(x int); INSERT INTO t SELECT generate_series(1, 1000); SELECT count(*) FROM t;", work).ExecuteNonQueryAsync();
        }
        var collector = new PostgresCollector(null!, TimeProvider.System, database, Options.Create(new PostgresCollectorOptions()), NullLogger<PostgresCollector>.Instance);

        var samples = await collector.CollectOnceAsync(CancellationToken.None);

        var byMetric = samples.ToLookup(s => s.Metric);
        var utilization = Assert.Single(byMetric["postgres_pool_utilization_percent"]);
        Assert.InRange(utilization.Value, 0.01, 100);
        Assert.True(Assert.Single(byMetric["postgres_connections_max"]).Value >= 1);
        var databaseName = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Database ?? "postgres";
        Sample For(string metric) => byMetric[metric].Single(s => s.Labels.Any(l => l.Name == "database" && l.Value == databaseName));
        Assert.InRange(For("postgres_cache_hit_ratio").Value, 0.0, 1.0);
        Assert.True(For("postgres_commits_total").Value > 0);
        Assert.True(For("postgres_database_size_bytes").Value > 1_000_000);
        Assert.Contains(byMetric["postgres_deadlocks_total"], s => s.Value == 0);
        Assert.All(samples, s => Assert.Contains(s.Labels, l => l.Name == "source" && l.Value == "postgres"));
        // No replica, and pg_stat_statements is not installed here: both are skipped without failing the round.
        Assert.Empty(byMetric["postgres_replication_lag_seconds"]);
        Assert.Empty(byMetric["postgres_slow_query_mean_ms"]);
    }
}
