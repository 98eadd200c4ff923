using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.ServiceDefaults.Postgres;

namespace PerfMonitor.Analytics.Tests;

/// <summary>A data source on the test cluster with analytics' migrations applied, as the service does at start-up.</summary>
public static class MigratedDatabase
{
    public static async Task<NpgsqlDataSource> OpenAsync(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, new SchemaMigrations(typeof(RollupWriter).Assembly, "analytics"), NullLogger<SchemaMigrator>.Instance)
            .StartAsync(CancellationToken.None);
        return dataSource;
    }
}
