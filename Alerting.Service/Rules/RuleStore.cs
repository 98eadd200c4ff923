using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Rules;

/// <summary>Rules in PostgreSQL, the one source of truth every replica reads.</summary>
public sealed class RuleStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, kind, metric, labels, aggregation, window_seconds, condition, threshold, for_seconds, severity, cooldown_minutes, webhook_url, format, enabled";

    public async Task<IReadOnlyList<AlertRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.alert_rules ORDER BY created_at, id");
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<AlertRule?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.alert_rules WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Inserts or replaces the rule with the same id.</summary>
    public async Task SaveAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO perfmon.alert_rules ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, metric = excluded.metric, labels = excluded.labels,
                aggregation = excluded.aggregation, window_seconds = excluded.window_seconds, condition = excluded.condition,
                threshold = excluded.threshold, for_seconds = excluded.for_seconds, severity = excluded.severity,
                cooldown_minutes = excluded.cooldown_minutes, webhook_url = excluded.webhook_url, format = excluded.format,
                enabled = excluded.enabled, updated_at = now()
            """);
        command.Parameters.AddWithValue(rule.Id);
        command.Parameters.AddWithValue(rule.Name);
        command.Parameters.AddWithValue(rule.Kind);
        command.Parameters.AddWithValue(rule.Metric);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(rule.Labels));
        command.Parameters.AddWithValue(rule.Aggregation);
        command.Parameters.AddWithValue((int)rule.Window.TotalSeconds);
        command.Parameters.AddWithValue(rule.Condition);
        command.Parameters.AddWithValue(rule.Threshold);
        command.Parameters.AddWithValue((int)rule.For.TotalSeconds);
        command.Parameters.AddWithValue(rule.Severity);
        command.Parameters.AddWithValue(rule.CooldownMinutes);
        command.Parameters.AddWithValue(rule.WebhookUrl);
        command.Parameters.AddWithValue(rule.Format);
        command.Parameters.AddWithValue(rule.Enabled);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM perfmon.alert_rules WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<AlertRule>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rules = new List<AlertRule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(new AlertRule(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
                reader.GetString(5), TimeSpan.FromSeconds(reader.GetInt32(6)), reader.GetString(7), reader.GetDouble(8),
                TimeSpan.FromSeconds(reader.GetInt32(9)), reader.GetString(10), reader.GetInt32(11), reader.GetString(12),
                reader.GetString(13), reader.GetBoolean(14)));
        }
        return rules;
    }
}
