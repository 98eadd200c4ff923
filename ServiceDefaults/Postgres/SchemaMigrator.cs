using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PerfMonitor.ServiceDefaults.Postgres;

/// <summary>
/// Applies a service's pending migrations once, at start-up, before the service takes traffic.
/// An advisory lock serialises replicas and services, so a rollout never applies a file twice.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, SchemaMigrations migrations, ILogger<SchemaMigrator> logger)
    : IHostedService
{
    // Any fixed number works; every PerfMonitor service takes the same one.
    private const long MigrationLockKey = 0x5045_5246_4d4f_4e;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await Execute(connection, null, """
                CREATE SCHEMA IF NOT EXISTS perfmon;
                CREATE TABLE IF NOT EXISTS perfmon.schema_migrations (
                    owner      text        NOT NULL,
                    version    text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (owner, version));
                """, cancellationToken);

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("SELECT version FROM perfmon.schema_migrations WHERE owner = $1", connection))
            {
                command.Parameters.AddWithValue(migrations.Owner);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            foreach (var (version, sql) in migrations.Load().Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO perfmon.schema_migrations (owner, version) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.AddWithValue(migrations.Owner);
                    record.Parameters.AddWithValue(version);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                LogApplied(migrations.Owner, version);
            }
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        // No command timeout: a migration may build an index over months of existing rows. Shutdown still cancels it.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Owner}/{Version}")]
    private partial void LogApplied(string owner, string version);
}
