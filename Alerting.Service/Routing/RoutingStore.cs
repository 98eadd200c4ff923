using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Routing;

/// <summary>The routing configuration in PostgreSQL: one document, replaced whole, its version bumped on each change.</summary>
public sealed class RoutingStore(NpgsqlDataSource dataSource)
{
    public async Task<(RoutingConfig Config, long Version)?> GetAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT config, version FROM perfmon.routing_config WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return (JsonSerializer.Deserialize<RoutingConfig>(reader.GetString(0), RoutingConfigReader.Json)!, reader.GetInt64(1));
    }

    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(version), 0) FROM perfmon.routing_config");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task SaveAsync(RoutingConfig config, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO perfmon.routing_config (id, config, version) VALUES (1, $1, 1)
            ON CONFLICT (id) DO UPDATE SET config = excluded.config, version = perfmon.routing_config.version + 1, updated_at = now()
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(config, RoutingConfigReader.Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
