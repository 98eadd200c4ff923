using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Embedded.Postgres;
using PerfMonitor.ServiceDefaults.Postgres;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests.Roles;

/// <summary>
/// A throwaway embedded cluster with the service roles, and analytics' and alerting's own migrations applied the way
/// the services apply them at start-up: each through its own role, both at once.
/// </summary>
public sealed class RoleDatabase : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly TempFolder folder = new("perfmon-pg-roles");

    public EmbeddedPostgres Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        Server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(Path.Combine(folder.Path, "postgres")) { Durable = false }, cancellation.Token);
        await Server.ProvisionServiceRolesAsync(cancellation.Token);
        await Task.WhenAll(
            MigrateAsync(Server.ConnectionStringFor(ServiceRoles.Analytics), Analytics, cancellation.Token),
            MigrateAsync(Server.ConnectionStringFor(ServiceRoles.Alerting), Alerting, cancellation.Token));
    }

    public static SchemaMigrations Analytics { get; } = new(typeof(RollupWriter).Assembly, "analytics");

    public static SchemaMigrations Alerting { get; } = new(typeof(RuleStore).Assembly, "alerting");

    public static async Task MigrateAsync(string connectionString, SchemaMigrations migrations, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, migrations, NullLogger<SchemaMigrator>.Instance).StartAsync(cancellationToken);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        folder.Dispose();
    }
}
