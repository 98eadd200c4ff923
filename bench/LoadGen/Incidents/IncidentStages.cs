using System.Diagnostics;
using System.Text;
using Npgsql;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// Where a slow incident's time went, read back from the alerting tables before teardown: the acknowledged send, the
/// evaluation that fired it (alerts.fired_at), the transaction that wrote the transition and its outbox row
/// (alert_history.at and notifications.created_at are that transaction's start), each delivery attempt, the delivery's
/// record, and the webhook's arrival. Each stage is printed in milliseconds after the acknowledged send.
/// </summary>
public static class IncidentStages
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(
        string connectionString, string runId, IReadOnlyList<ProbeIncident> incidents, CancellationToken cancellationToken)
    {
        // Stopwatch timestamps become wall-clock times by their distance from now; the services run on this machine's clock.
        var now = DateTimeOffset.UtcNow;
        var nowTicks = Stopwatch.GetTimestamp();
        DateTimeOffset Wall(long timestamp) => now - Stopwatch.GetElapsedTime(timestamp, nowTicks);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT a.labels->>'incident', a.fired_at,
                (SELECT min(h.at) FROM perfmon.alert_history h WHERE h.rule_id = a.rule_id AND h.series_id = a.series_id AND h.to_state = 'firing'),
                n.created_at, n.delivered_at,
                ARRAY(SELECT t.at FROM perfmon.notification_attempts t WHERE t.notification_id = n.id ORDER BY t.at),
                ARRAY(SELECT t.latency_ms FROM perfmon.notification_attempts t WHERE t.notification_id = n.id ORDER BY t.at),
                ARRAY(SELECT t.outcome FROM perfmon.notification_attempts t WHERE t.notification_id = n.id ORDER BY t.at)
            FROM perfmon.alerts a
            LEFT JOIN perfmon.notifications n ON n.rule_id = a.rule_id AND n.series_id = a.series_id AND n.event = 'firing'
            WHERE a.labels->>'run' = $1 AND a.labels->>'incident' = ANY($2)
            """, connection);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(incidents.Select(i => i.Name).ToArray());
        var rows = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var incident = incidents.First(i => i.Name == name);
            var sent = Wall(incident.AcknowledgedSendAt ?? incident.FirstSentAt);
            string At(int column) => reader.IsDBNull(column) ? "-" : Since(sent, reader.GetFieldValue<DateTimeOffset>(column));
            var line = new StringBuilder($"  stages of {name,-10} (ms after the acknowledged send): fired {At(1)}, transition written {At(2)}, outbox row {At(3)}");
            var attempts = reader.GetFieldValue<DateTime[]>(5);
            var latencies = reader.GetFieldValue<double[]>(6);
            var outcomes = reader.GetFieldValue<string[]>(7);
            for (var a = 0; a < attempts.Length; a++)
            {
                line.Append($", attempt {Since(sent, new DateTimeOffset(attempts[a], TimeSpan.Zero))} ({outcomes[a]} in {latencies[a]:N0} ms)");
            }
            line.Append($", recorded delivered {At(4)}, received {(incident.FiredAt is { } fired ? Since(sent, Wall(fired)) : "-")}");
            rows[name] = line.ToString();
        }
        return [.. incidents.Select(i => rows.TryGetValue(i.Name, out var row) ? row : $"  stages of {i.Name,-10}: no alert row")];
    }

    private static string Since(DateTimeOffset sent, DateTimeOffset at) => $"{(at - sent).TotalMilliseconds:N0}";
}
