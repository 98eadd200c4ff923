using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.State;

/// <summary>Alert instances as the API lists them: newest change first, each with its latest transitions.</summary>
public sealed class AlertQueries(NpgsqlDataSource dataSource)
{
    public const int DefaultHistory = 20;

    public Task<IReadOnlyList<AlertView>> QueryAsync(string? state, Guid? ruleId, int historyLimit, CancellationToken cancellationToken) =>
        QueryAsync(state, ruleId, null, historyLimit, cancellationToken);

    /// <summary>One alert instance with its latest transitions; null when there is none.</summary>
    public async Task<AlertView?> GetAsync(Guid ruleId, long seriesId, CancellationToken cancellationToken) =>
        (await QueryAsync(null, ruleId, seriesId, DefaultHistory, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<AlertView>> QueryAsync(string? state, Guid? ruleId, long? seriesId, int historyLimit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT a.rule_id, r.name, r.kind, r.severity, a.series_id, a.labels, a.state, a.value, a.active_at, a.fired_at, a.resolved_at,
                   a.last_notified_at, a.silenced, a.updated_at,
                   coalesce((SELECT jsonb_agg(jsonb_build_object('from', h.from_state, 'to', h.to_state, 'value', h.value, 'silenced', h.silenced, 'at', h.at) ORDER BY h.at)
                             FROM (SELECT * FROM perfmon.alert_history h WHERE h.rule_id = a.rule_id AND h.series_id = a.series_id ORDER BY h.at DESC, h.id DESC LIMIT $3) h), '[]'),
                   a.inhibited_by,
                   -- An acknowledgement holds for the firing it was given in.
                   CASE WHEN a.acknowledged_at >= a.fired_at THEN a.acknowledged_at END,
                   CASE WHEN a.acknowledged_at >= a.fired_at THEN a.acknowledged_by END,
                   CASE WHEN a.acknowledged_at >= a.fired_at THEN a.acknowledged_comment END
            FROM perfmon.alerts a JOIN perfmon.alert_rules r ON r.id = a.rule_id
            WHERE ($1::text IS NULL OR a.state = $1) AND ($2::uuid IS NULL OR a.rule_id = $2) AND ($4::bigint IS NULL OR a.series_id = $4)
            ORDER BY a.updated_at DESC
            LIMIT 1000
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)state ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)ruleId ?? DBNull.Value);
        command.Parameters.AddWithValue(historyLimit);
        command.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)seriesId ?? DBNull.Value);
        var views = new List<AlertView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var (rule, series) = (reader.GetGuid(0), reader.GetInt64(4));
            views.Add(new AlertView(
                rule, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Contracts.SeriesId.FromStorage(series).ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(5)) ?? [],
                reader.GetString(6), reader.GetDouble(7), Time(8), Time(9), Time(10), Time(11), reader.GetBoolean(12), reader.GetFieldValue<DateTimeOffset>(13),
                JsonSerializer.Deserialize<List<AlertTransition>>(reader.GetString(14), JsonSerializerOptions.Web) ?? [])
            {
                Id = Notify.PayloadBuilder.Fingerprint(rule, series),
                InhibitedBy = Text(15),
                AcknowledgedAt = Time(16),
                AcknowledgedBy = Text(17),
                AcknowledgeComment = Text(18),
            });
        }
        return views;
    }
}
