using Npgsql;
using PerfMonitor.Alerting.Grouping;

namespace PerfMonitor.Alerting.Escalation;

/// <summary>
/// perfmon.alert_escalations, inside the escalation round's transaction. Claiming an escalation and closing it are each
/// one conditional write whose result says whether this round did it: a replica racing for the same row waits for the
/// other's commit and then finds it done, so each happens once.
/// </summary>
public static class EscalationStore
{
    public static async Task<List<OpenEscalation>> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var open = new List<OpenEscalation>();
        await using var command = new NpgsqlCommand(
            "SELECT rule_id, series_id, fired_at, route_key, receiver FROM perfmon.alert_escalations WHERE resolved_notified_at IS NULL", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(new OpenEscalation(reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetString(4)));
        }
        return open;
    }

    /// <summary>Records the escalation of this firing on this route; false when it was made before (here or by another replica).</summary>
    public static async Task<bool> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, GroupMember alert, string routeKey, string receiver, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO perfmon.alert_escalations (rule_id, series_id, fired_at, route_key, receiver, escalated_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue(alert.RuleId);
        command.Parameters.AddWithValue(alert.SeriesId);
        command.Parameters.AddWithValue(alert.StartsAt);
        command.Parameters.AddWithValue(routeKey);
        command.Parameters.AddWithValue(receiver);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Marks the escalation's firing as ended; false when that was done before.</summary>
    public static async Task<bool> CloseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OpenEscalation escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE perfmon.alert_escalations SET resolved_notified_at = $5
            WHERE rule_id = $1 AND series_id = $2 AND fired_at = $3 AND route_key = $4 AND resolved_notified_at IS NULL
            """, connection, transaction);
        command.Parameters.AddWithValue(escalation.RuleId);
        command.Parameters.AddWithValue(escalation.SeriesId);
        command.Parameters.AddWithValue(escalation.FiredAt);
        command.Parameters.AddWithValue(escalation.RouteKey);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
