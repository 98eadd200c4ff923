using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// The notification outbox in PostgreSQL, as delivery works it. Rows are added in the transaction that changes an alert's
/// state (see <see cref="OutboxInsert"/>), so a notification exists exactly when its transition does; dispatchers lease
/// due rows, send, then record the result.
/// </summary>
public sealed class NotificationOutbox(NpgsqlDataSource dataSource)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Dead = "dead";

    private const string Columns = "id, rule_id, series_id, event, url, format, body, signature, attempts, created_at, last_error, receiver, group_key";

    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, OutboxNotification notification, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { OutboxInsert.Command(notification) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AddAsync(connection, null, notification, cancellationToken);
    }

    /// <summary>
    /// Leases up to <paramref name="limit"/> due rows for <paramref name="lease"/> in one statement, committed before anything
    /// is sent: the rows are this dispatcher's until the lease passes (or longer, while <see cref="RenewAsync"/> extends it),
    /// and no lock is held while it sends. Rows another
    /// dispatcher is claiming at the same moment are skipped; a row whose lease passed (its dispatcher died) is due again.
    /// The claim's transaction does not wait for its WAL to reach the disk (synchronous_commit off for it alone): the rows
    /// are durable since the transition that wrote them, and a lease lost in a database crash only means the row is sent
    /// again under the same idempotency key, as after any crash mid-delivery. Waiting for that flush put a second fsync,
    /// queued behind the rollups' WAL, between every alert's commit and its webhook.
    /// </summary>
    public static async Task<IReadOnlyList<OutboxNotification>> ClaimDueAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var command = new NpgsqlCommand($"""
            UPDATE perfmon.notifications SET lease_until = now() + $2, lease_token = $3
            FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait
            WHERE id IN (
                SELECT id FROM perfmon.notifications
                WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until <= now())
                ORDER BY next_attempt_at LIMIT $1
                FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, connection, transaction);
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(lease);
        command.Parameters.AddWithValue(token);
        var claimed = new List<OutboxNotification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutboxNotification(
                reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10))
            {
                LeaseToken = token,
                Receiver = reader.IsDBNull(11) ? null : reader.GetString(11),
                GroupKey = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }
        return claimed;
    }

    public async Task<IReadOnlyList<OutboxNotification>> ClaimDueAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ClaimDueAsync(connection, null, limit, lease, cancellationToken);
    }

    /// <summary>
    /// Extends the leases of the rows a dispatcher is delivering, all in one statement, to <paramref name="lease"/> from now.
    /// Returns the rows still held under their tokens; a row missing from it was taken over by another dispatcher (its lease
    /// ran out unrenewed) or is no longer pending. Looked up by id, so the statement stays cheap however long the log is.
    /// </summary>
    public async Task<IReadOnlySet<(Guid Id, Guid LeaseToken)>> RenewAsync(
        IReadOnlyCollection<(Guid Id, Guid LeaseToken)> held, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE perfmon.notifications n SET lease_until = now() + $3
            FROM unnest($1::uuid[], $2::uuid[]) AS held(id, lease_token)
            WHERE n.id = held.id AND n.lease_token = held.lease_token AND n.status = 'pending'
            RETURNING n.id, n.lease_token
            """);
        command.Parameters.AddWithValue(held.Select(h => h.Id).ToArray());
        command.Parameters.AddWithValue(held.Select(h => h.LeaseToken).ToArray());
        command.Parameters.AddWithValue(lease);
        var renewed = new HashSet<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            renewed.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }
        return renewed;
    }

    /// <summary>
    /// Records a round's attempts and its result (delivered, waiting for <paramref name="nextAttemptAt"/>, or dead) in one
    /// short implicit transaction, and ends the lease. False when the lease was lost: the row passed to another dispatcher
    /// after the lease ran out, which records its own result; the attempts made here are logged either way.
    /// </summary>
    public async Task<bool> CompleteAsync(
        OutboxNotification notification, DeliveryResult result, string status, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var update = new NpgsqlBatchCommand("""
            UPDATE perfmon.notifications SET status = $2,
                attempts = attempts + $3,
                next_attempt_at = coalesce($4, next_attempt_at),
                delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
                dead_at = CASE WHEN $2 = 'dead' THEN now() END,
                last_status_code = coalesce($5, last_status_code),
                last_error = CASE WHEN $2 = 'delivered' THEN NULL ELSE coalesce($6, last_error) END,
                lease_until = NULL, lease_token = NULL
            WHERE id = $1 AND lease_token = $7
            """);
        var p = update.Parameters;
        p.AddWithValue(notification.Id);
        p.AddWithValue(status);
        p.AddWithValue(result.Attempts.Count(a => a.Outcome != DeliveryAttemptOutcomes.BreakerOpen));
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)nextAttemptAt?.UtcDateTime ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Integer, (object?)result.StatusCode ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)result.Error ?? DBNull.Value);
        p.AddWithValue(notification.LeaseToken);
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
        return update.RecordsAffected == 1;
    }

    /// <summary>Gives a claimed row back unsent (its dispatcher is stopping), so another one sends it now rather than after the lease.</summary>
    public async Task ReleaseAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE perfmon.notifications SET lease_until = NULL, lease_token = NULL WHERE id = $1 AND lease_token = $2");
        command.Parameters.AddWithValue(notification.Id);
        command.Parameters.AddWithValue(notification.LeaseToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Puts a dead letter back in the queue as if new (its age restarts); the attempt log is kept.</summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE perfmon.notifications SET status = 'pending', next_attempt_at = now(), created_at = now(), dead_at = NULL,
                lease_until = NULL, lease_token = NULL
            WHERE id = $1 AND status = 'dead'
            """);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
