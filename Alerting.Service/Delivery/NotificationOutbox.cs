using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// The notification outbox in PostgreSQL. Rows are added in the transaction that changes an alert's state, so a
/// notification exists exactly when its transition does; dispatchers claim due rows with FOR UPDATE SKIP LOCKED.
/// </summary>
public sealed class NotificationOutbox(NpgsqlDataSource dataSource)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    private const string Columns = "id, rule_id, series_id, event, url, format, body, signature, attempts, created_at, last_error";

    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, OutboxNotification notification, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { Insert(notification) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The row's insert, for writing it in a batch with the transition that caused it.</summary>
    public static NpgsqlBatchCommand Insert(OutboxNotification notification)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO perfmon.notifications (id, rule_id, series_id, event, url, host, format, body, signature)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        var p = command.Parameters;
        p.AddWithValue(notification.Id);
        p.AddWithValue(notification.RuleId);
        p.AddWithValue(NpgsqlDbType.Bigint, (object?)notification.SeriesId ?? DBNull.Value);
        p.AddWithValue(notification.Event);
        p.AddWithValue(notification.Url);
        p.AddWithValue(notification.Host);
        p.AddWithValue(notification.Format);
        p.AddWithValue(notification.Body);
        p.AddWithValue(NpgsqlDbType.Text, (object?)notification.Signature ?? DBNull.Value);
        return command;
    }

    public async Task AddAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AddAsync(connection, null, notification, cancellationToken);
    }

    /// <summary>Locks up to <paramref name="limit"/> due rows for this transaction; rows other replicas hold are skipped.</summary>
    public static async Task<IReadOnlyList<OutboxNotification>> ClaimDueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM perfmon.notifications
            WHERE status = 'pending' AND next_attempt_at <= now()
            ORDER BY next_attempt_at LIMIT $1
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue(limit);
        var claimed = new List<OutboxNotification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxNotification(
                reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }
        return claimed;
    }

    /// <summary>Records a round's attempts and its result: delivered, waiting for <paramref name="nextAttemptAt"/>, or dead.</summary>
    public static async Task CompleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxNotification notification, DeliveryResult result,
        string status, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE perfmon.notifications SET status = $2,
                    attempts = attempts + $3,
                    next_attempt_at = coalesce($4, next_attempt_at),
                    delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
                    dead_at = CASE WHEN $2 = 'dead' THEN now() END,
                    last_status_code = coalesce($5, last_status_code),
                    last_error = CASE WHEN $2 = 'delivered' THEN NULL ELSE coalesce($6, last_error) END
                WHERE id = $1
                """);
            update.Parameters.AddWithValue(notification.Id);
            update.Parameters.AddWithValue(status);
            update.Parameters.AddWithValue(result.Attempts.Count(a => a.Outcome != DeliveryAttemptOutcomes.BreakerOpen));
            update.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)nextAttemptAt?.UtcDateTime ?? DBNull.Value);
            update.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)result.StatusCode ?? DBNull.Value);
            update.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)result.Error ?? DBNull.Value);
            batch.BatchCommands.Add(update);
            foreach (var attempt in result.Attempts)
            {
                var log = new NpgsqlBatchCommand("""
                    INSERT INTO perfmon.notification_attempts (notification_id, at, status_code, latency_ms, outcome, error, breaker_state)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """);
                log.Parameters.AddWithValue(notification.Id);
                log.Parameters.AddWithValue(attempt.At.UtcDateTime);
                log.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)attempt.StatusCode ?? DBNull.Value);
                log.Parameters.AddWithValue(attempt.LatencyMs);
                log.Parameters.AddWithValue(attempt.Outcome);
                log.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)attempt.Error ?? DBNull.Value);
                log.Parameters.AddWithValue(attempt.BreakerState);
                batch.BatchCommands.Add(log);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Puts a dead letter back in the queue as if new (its age restarts); the attempt log is kept.</summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE perfmon.notifications SET status = 'pending', next_attempt_at = now(), created_at = now(), dead_at = NULL
            WHERE id = $1 AND status = 'dead'
            """);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

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
