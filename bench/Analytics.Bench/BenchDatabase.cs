using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Embedded.Postgres;
using PerfMonitor.ServiceDefaults.Postgres;

namespace PerfMonitor.Analytics.Bench;

/// <summary>The embedded PostgreSQL the tests use, in a kept folder, with analytics' migrations applied as at start-up.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(EmbeddedPostgres server, NpgsqlDataSource dataSource)
    {
        Server = server;
        DataSource = dataSource;
    }

    public EmbeddedPostgres Server { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> StartAsync(string folder, bool durable, CancellationToken cancellationToken)
    {
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(folder) { Durable = durable }, cancellationToken);
        // Migrations on a loaded database build indexes over every partition: no command timeout here.
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await new SchemaMigrator(dataSource, new SchemaMigrations(typeof(RollupWriter).Assembly, "analytics"), NullLogger<SchemaMigrator>.Instance)
            .StartAsync(cancellationToken);
        return new BenchDatabase(server, dataSource);
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Server.DisposeAsync();
    }
}
