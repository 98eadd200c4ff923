using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>Persists each alert instance's current state.</summary>
public sealed class AlertStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAsync(AlertInstance alert, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO perfmon.alerts (rule_id, series_id, labels, state, value, active_at, fired_at, resolved_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (rule_id, series_id) DO UPDATE SET state = excluded.state, value = excluded.value,
                active_at = excluded.active_at, fired_at = excluded.fired_at, resolved_at = excluded.resolved_at, updated_at = now()
            """);
        command.Parameters.AddWithValue(alert.Rule.Id);
        command.Parameters.AddWithValue(alert.SeriesId);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(alert.Labels));
        command.Parameters.AddWithValue(alert.State.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue(alert.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)alert.ActiveAt?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)alert.FiredAt?.UtcDateTime ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)alert.ResolvedAt?.UtcDateTime ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
