using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// A notification's row in the outbox, perfmon.notifications: written in the same transaction as the alert transition
/// that caused it, so the notification exists exactly when its transition does. Written under a lease (see
/// <see cref="OutboxLease"/>) it is this process's dispatcher's from the start, as if claimed in the same transaction.
/// </summary>
public static class OutboxInsert
{
    public static NpgsqlBatchCommand Command(OutboxNotification notification, OutboxLease? lease = null)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO perfmon.notifications (id, rule_id, series_id, event, url, host, format, body, signature, receiver, group_key, lease_until, lease_token)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now() + $12, $13)
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
        p.AddWithValue(NpgsqlDbType.Text, (object?)notification.Receiver ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)notification.GroupKey ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Interval, (object?)lease?.Duration ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Uuid, (object?)lease?.Token ?? DBNull.Value);
        return command;
    }

    /// <summary>Writes <paramref name="notifications"/> in <paramref name="transaction"/>, in one round trip; nothing when there are none.</summary>
    public static async Task InsertAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<OutboxNotification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var notification in notifications)
        {
            batch.BatchCommands.Add(Command(notification));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
