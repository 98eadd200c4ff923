using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Alerting.Secrets;

namespace PerfMonitor.Alerting.Rules;

/// <summary>Rules in PostgreSQL, the one source of truth every replica reads. Secrets are stored encrypted.</summary>
public sealed class RuleStore(NpgsqlDataSource dataSource, WebhookSecretProtector secrets)
{
    private const string Columns = "id, name, kind, metric, labels, aggregation, window_seconds, condition, threshold, for_seconds, severity, " +
        "cooldown_minutes, webhook_url, format, enabled, matchers, recovery_threshold, keep_firing_for_seconds, repeat_interval_seconds, " +
        "secret, min_severity, builtin, group_by, numerator, secret_protected, expr, annotations";

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
            INSERT INTO perfmon.alert_rules ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, true, $25, $26)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, metric = excluded.metric, labels = excluded.labels,
                aggregation = excluded.aggregation, window_seconds = excluded.window_seconds, condition = excluded.condition,
                threshold = excluded.threshold, for_seconds = excluded.for_seconds, severity = excluded.severity,
                cooldown_minutes = excluded.cooldown_minutes, webhook_url = excluded.webhook_url, format = excluded.format,
                enabled = excluded.enabled, matchers = excluded.matchers, recovery_threshold = excluded.recovery_threshold,
                keep_firing_for_seconds = excluded.keep_firing_for_seconds, repeat_interval_seconds = excluded.repeat_interval_seconds,
                secret = excluded.secret, secret_protected = true, min_severity = excluded.min_severity,
                group_by = excluded.group_by, numerator = excluded.numerator, expr = excluded.expr, annotations = excluded.annotations,
                updated_at = now()
            """);
        var p = command.Parameters;
        p.AddWithValue(rule.Id);
        p.AddWithValue(rule.Name);
        p.AddWithValue(rule.Kind.ToWire());
        p.AddWithValue(rule.Metric);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(rule.Labels));
        p.AddWithValue(rule.Aggregation.ToWire());
        p.AddWithValue((int)rule.Window.TotalSeconds);
        p.AddWithValue(rule.Condition.ToWire());
        p.AddWithValue(rule.Threshold);
        p.AddWithValue((int)rule.For.TotalSeconds);
        p.AddWithValue(rule.Severity.ToWire());
        p.AddWithValue(rule.CooldownMinutes);
        p.AddWithValue(rule.WebhookUrl);
        p.AddWithValue(rule.Format.ToWire());
        p.AddWithValue(rule.Enabled);
        p.AddWithValue(NpgsqlDbType.Jsonb, MatchersJson(rule.Matchers));
        p.AddWithValue(NpgsqlDbType.Double, (object?)rule.RecoveryThreshold ?? DBNull.Value);
        p.AddWithValue((int)rule.KeepFiringFor.TotalSeconds);
        p.AddWithValue((int)rule.RepeatInterval.TotalSeconds);
        p.AddWithValue(NpgsqlDbType.Text, string.IsNullOrEmpty(rule.Secret) ? DBNull.Value : secrets.Protect(rule.Secret));
        p.AddWithValue(rule.MinSeverity.ToWire());
        p.AddWithValue(rule.Builtin);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(rule.GroupBy));
        p.AddWithValue(NpgsqlDbType.Jsonb, MatchersJson(rule.Numerator));
        p.AddWithValue(NpgsqlDbType.Text, (object?)rule.Expr ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(rule.Annotations));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM perfmon.alert_rules WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<AlertRule>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rules = new List<AlertRule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(new AlertRule(
                reader.GetGuid(0), reader.GetString(1), WireName<RuleKind>.Parse(reader.GetString(2)), reader.GetString(3),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
                WireName<RuleAggregation>.Parse(reader.GetString(5)), TimeSpan.FromSeconds(reader.GetInt32(6)),
                WireName<RuleCondition>.Parse(reader.GetString(7)), reader.GetDouble(8), TimeSpan.FromSeconds(reader.GetInt32(9)),
                WireName<Severity>.Parse(reader.GetString(10)), reader.GetInt32(11), reader.GetString(12),
                WireName<PayloadFormat>.Parse(reader.GetString(13)), reader.GetBoolean(14))
            {
                Matchers = MatchersFrom(reader.GetString(15)),
                RecoveryThreshold = reader.IsDBNull(16) ? null : reader.GetDouble(16),
                KeepFiringFor = TimeSpan.FromSeconds(reader.GetInt32(17)),
                RepeatInterval = TimeSpan.FromSeconds(reader.GetInt32(18)),
                Secret = reader.IsDBNull(19) ? null : reader.GetBoolean(24) ? secrets.Unprotect(reader.GetGuid(0), reader.GetString(19)) : reader.GetString(19),
                MinSeverity = WireName<Severity>.Parse(reader.GetString(20)),
                Builtin = reader.GetBoolean(21),
                GroupBy = JsonSerializer.Deserialize<List<string>>(reader.GetString(22)) ?? [],
                Numerator = MatchersFrom(reader.GetString(23)),
                Expr = reader.IsDBNull(25) ? null : reader.GetString(25),
                Annotations = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(26)) ?? [],
            });
        }
        return rules;
    }

    private static string MatchersJson(IEnumerable<LabelMatcher> matchers) =>
        JsonSerializer.Serialize(matchers.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value)), JsonSerializerOptions.Web);

    private static List<LabelMatcher> MatchersFrom(string json) =>
        [.. (JsonSerializer.Deserialize<List<LabelMatcherRequest>>(json, JsonSerializerOptions.Web) ?? []).Select(m => new LabelMatcher(m.Name!, m.Op!, m.Value!))];
}
