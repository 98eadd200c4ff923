using System.Diagnostics;
using Npgsql;

namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// Where incidents' time went, read back from the alerting tables before teardown: the acknowledged send and its answer,
/// the evaluation that fired it (alerts.fired_at), the transaction that wrote the transition and its outbox row
/// (alert_history.at and notifications.created_at are that transaction's start), each delivery attempt, the delivery's
/// record, and the webhook's arrival, each in milliseconds after the acknowledged send.
/// </summary>
public static class IncidentStages
{
    public static async Task<IReadOnlyList<IncidentStageTimes>> ReadAsync(
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
        var stages = new List<IncidentStageTimes>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var incident = incidents.First(i => i.Name == reader.GetString(0));
            var sent = Wall(incident.AcknowledgedSendAt ?? incident.FirstSentAt);
            double? At(int column) => reader.IsDBNull(column) ? null : (reader.GetFieldValue<DateTimeOffset>(column) - sent).TotalMilliseconds;
            var attempts = reader.GetFieldValue<DateTime[]>(5);
            var latencies = reader.GetFieldValue<double[]>(6);
            var outcomes = reader.GetFieldValue<string[]>(7);
            stages.Add(new IncidentStageTimes(
                incident.Name,
                incident.AnsweredAt is { } answered ? (Wall(answered) - sent).TotalMilliseconds : null,
                At(1), At(2), At(3),
                [.. attempts.Select((at, a) => new IncidentStageTimes.Attempt((new DateTimeOffset(at, TimeSpan.Zero) - sent).TotalMilliseconds, outcomes[a], latencies[a]))],
                At(4),
                incident.FiredAt is { } fired ? (Wall(fired) - sent).TotalMilliseconds : null));
        }
        return stages;
    }

    /// <summary>One line per incident, in the order given; an incident without an alert row says so.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<ProbeIncident> incidents, IReadOnlyList<IncidentStageTimes> stages) =>
        [.. incidents.Select(i => stages.FirstOrDefault(s => s.Name == i.Name) is { } found ? found.Describe() : $"  stages of {i.Name,-10}: no alert row")];
}
