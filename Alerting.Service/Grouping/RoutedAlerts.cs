using System.Text.Json;
using Npgsql;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// The alerts a round works on, from PostgreSQL: every firing alert (any firing alert may inhibit) and those resolved
/// within the lookback (a group reports them resolved), labelled as receivers see them.
/// </summary>
public sealed class RoutedAlerts(RuleCache rules, PayloadBuilder payloads)
{
    public async Task<List<RoutedAlert>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan lookback, CancellationToken cancellationToken)
    {
        var byId = rules.All.ToDictionary(r => r.Id);
        var alerts = new List<RoutedAlert>();
        await using var command = new NpgsqlCommand("""
            SELECT rule_id, series_id, labels, state, value, active_at, fired_at, resolved_at, silenced, inhibited_by, coalesce(acknowledged_at >= fired_at, false)
            FROM perfmon.alerts WHERE state = 'firing' OR (state = 'resolved' AND resolved_at > now() - $1)
            """, connection, transaction);
        command.Parameters.AddWithValue(lookback);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!byId.TryGetValue(reader.GetGuid(0), out var rule))
            {
                // A rule this replica has not read yet: its alerts join at the next round.
                continue;
            }
            var seriesId = reader.GetInt64(1);
            var firing = reader.GetString(3) == AlertState.Firing.ToWire();
            var activeAt = Time(reader, 5);
            var firedAt = Time(reader, 6);
            var resolvedAt = Time(reader, 7);
            var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)) ?? [];
            var alert = new AlertEvent(firing ? AlertEventKind.Firing : AlertEventKind.Resolved, seriesId, labels, reader.GetDouble(4), activeAt, firedAt, resolvedAt);
            var member = new GroupMember(
                PayloadBuilder.Fingerprint(rule.Id, seriesId), rule.Id, seriesId, PayloadBuilder.AlertLabels(rule, alert), PayloadBuilder.Annotations(rule, alert),
                alert.Value, firedAt ?? activeAt ?? DateTimeOffset.UnixEpoch, firing ? null : resolvedAt, payloads.GeneratorUrl(rule));
            alerts.Add(new RoutedAlert(member, firing, reader.GetBoolean(8), !rule.HasWebhook && rule.Enabled, reader.IsDBNull(9) ? null : reader.GetString(9))
            {
                Acknowledged = firing && reader.GetBoolean(10),
            });
        }
        return alerts;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
