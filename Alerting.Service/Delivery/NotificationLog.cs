using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>The delivery log as the API shows it: notifications with their attempts, newest first.</summary>
public sealed class NotificationLog(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<NotificationView>> ListAsync(NotificationQuery query, Func<string, string> breakerState, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, rule_id, series_id, event, url, host, format, status, attempts, created_at, next_attempt_at, delivered_at, dead_at,
                   last_status_code, last_error
            FROM perfmon.notifications
            WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR rule_id = $2) AND ($3::uuid IS NULL OR id = $3)
            ORDER BY created_at DESC LIMIT $4
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)query.Status ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)query.RuleId ?? DBNull.Value);
        command.Parameters.AddWithValue(NpgsqlDbType.Uuid, (object?)query.Id ?? DBNull.Value);
        command.Parameters.AddWithValue(query.Limit);
        var views = new List<NotificationView>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
                var host = reader.GetString(5);
                views.Add(new NotificationView(
                    reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : Contracts.SeriesId.FromStorage(reader.GetInt64(2)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    reader.GetString(3), reader.GetString(4), host, reader.GetString(6), reader.GetString(7), reader.GetInt32(8),
                    reader.GetFieldValue<DateTimeOffset>(9), Time(10), Time(11), Time(12), reader.IsDBNull(13) ? null : reader.GetInt32(13),
                    reader.IsDBNull(14) ? null : reader.GetString(14), breakerState(host), []));
            }
        }
        if (views.Count == 0)
        {
            return views;
        }
        await using var log = dataSource.CreateCommand("""
            SELECT notification_id, at, status_code, latency_ms, outcome, error, breaker_state
            FROM perfmon.notification_attempts WHERE notification_id = ANY($1) ORDER BY at, id
            """);
        log.Parameters.AddWithValue(views.Select(v => v.Id).ToArray());
        var attempts = new Dictionary<Guid, List<DeliveryAttempt>>();
        await using (var reader = await log.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetGuid(0);
                if (!attempts.TryGetValue(id, out var list))
                {
                    attempts[id] = list = [];
                }
                list.Add(new DeliveryAttempt(reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetDouble(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
            }
        }
        return [.. views.Select(v => v with { Log = attempts.GetValueOrDefault(v.Id) ?? [] })];
    }
}
