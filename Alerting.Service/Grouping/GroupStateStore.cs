using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>perfmon.notification_groups: read at the start of each round, written in the round's transaction with its outbox rows.</summary>
public static class GroupStateStore
{
    public static async Task<Dictionary<string, GroupState>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, GroupState>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT group_key, receiver, route_key, first_seen_at, last_sent_at, sent, joined FROM perfmon.notification_groups", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = new GroupState(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            {
                LastSentAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                Sent = Members(reader.GetString(5)),
                Joined = Members(reader.GetString(6)),
            };
            states[state.Key] = state;
        }
        return states;
    }

    public static NpgsqlBatchCommand Save(GroupState state)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO perfmon.notification_groups (group_key, receiver, route_key, first_seen_at, last_sent_at, sent, joined) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (group_key) DO UPDATE SET last_sent_at = excluded.last_sent_at, sent = excluded.sent, joined = excluded.joined
            """);
        var p = command.Parameters;
        p.AddWithValue(state.Key);
        p.AddWithValue(state.Receiver);
        p.AddWithValue(state.RouteKey);
        p.AddWithValue(state.FirstSeenAt);
        p.AddWithValue(NpgsqlDbType.TimestampTz, state.LastSentAt is { } sent ? sent : DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(state.Sent, JsonSerializerOptions.Web));
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(state.Joined, JsonSerializerOptions.Web));
        return command;
    }

    public static NpgsqlBatchCommand Forget(GroupState state)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM perfmon.notification_groups WHERE group_key = $1");
        command.Parameters.AddWithValue(state.Key);
        return command;
    }

    private static Dictionary<string, GroupMember> Members(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, GroupMember>>(json, JsonSerializerOptions.Web) ?? [], StringComparer.Ordinal);

    /// <summary>The groups whose last notification is still waiting in the outbox.</summary>
    public static async Task<HashSet<string>> PendingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT DISTINCT group_key FROM perfmon.notifications WHERE status = 'pending' AND group_key IS NOT NULL", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add(reader.GetString(0));
        }
        return pending;
    }
}
