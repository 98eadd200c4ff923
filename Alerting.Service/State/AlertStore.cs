using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.State;

/// <summary>
/// Alert instances in PostgreSQL, the one source of truth between replicas. A transition is a compare-and-set on the
/// row's version, written with its history row and its outbox rows in one transaction: either all of it happens, or
/// (another replica got there first) none of it and the caller adopts the stored state.
/// </summary>
public sealed class AlertStore(NpgsqlDataSource dataSource) : IStoredAlerts
{
    private const string Columns = "rule_id, series_id, labels, state, value, active_at, fired_at, resolved_at, last_breach_at, last_notified_at, silenced, version";

    /// <summary>Writes the instance's new state if the stored version is still <see cref="AlertInstance.Version"/>; false when it moved on.</summary>
    public async Task<bool> TransitionAsync(AlertInstance alert, AlertState? from, IReadOnlyList<OutboxNotification> notifications, CancellationToken cancellationToken)
    {
        var staged = new StagedTransition(alert, alert.Snapshot());
        if (from is { } previous && previous != alert.State)
        {
            staged.History.Add(new(previous, alert.State, alert.Value, alert.Silenced));
        }
        staged.Notifications.AddRange(notifications);
        return (await CommitAsync([staged], null, cancellationToken)).Count == 0;
    }

    /// <summary>
    /// Writes many instances in one transaction and two round trips: every state as a compare-and-set on its version, then
    /// the history and outbox rows of those whose compare-and-set held. Returns the instances another replica changed
    /// first; nothing of theirs is written. With a <paramref name="lease"/>, the outbox rows are written already leased to
    /// this process's dispatcher, for it to send without a claim.
    /// </summary>
    public async Task<IReadOnlySet<AlertInstance>> CommitAsync(IReadOnlyList<StagedTransition> transitions, OutboxLease? lease, CancellationToken cancellationToken)
    {
        var lost = new HashSet<AlertInstance>();
        if (transitions.Count == 0)
        {
            return lost;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var states = new NpgsqlBatch(connection, transaction))
        {
            foreach (var staged in transitions)
            {
                states.BatchCommands.Add(staged.Instance.Version == 0 ? Insert(staged.Instance) : Update(staged.Instance));
            }
            await states.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < transitions.Count; i++)
            {
                if (states.BatchCommands[i].RecordsAffected != 1)
                {
                    lost.Add(transitions[i].Instance);
                }
            }
        }
        await using (var rows = new NpgsqlBatch(connection, transaction))
        {
            foreach (var staged in transitions.Where(t => !lost.Contains(t.Instance)))
            {
                foreach (var entry in staged.History)
                {
                    rows.BatchCommands.Add(History(staged.Instance, entry));
                }
                foreach (var notification in staged.Notifications)
                {
                    rows.BatchCommands.Add(OutboxInsert.Command(notification, lease));
                }
            }
            if (rows.BatchCommands.Count > 0)
            {
                await rows.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var staged in transitions.Where(t => !lost.Contains(t.Instance)))
        {
            staged.Instance.MarkCommitted();
        }
        return lost;
    }

    public async Task<AlertSnapshot?> GetAsync(Guid ruleId, long seriesId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.alerts WHERE rule_id = $1 AND series_id = $2");
        command.Parameters.AddWithValue(ruleId);
        command.Parameters.AddWithValue(seriesId);
        return (await ReadAsync(command, cancellationToken)).Select(r => r.Snapshot).SingleOrDefault();
    }

    /// <summary>Every stored instance, to rebuild the evaluator's state after a restart.</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.alerts");
        return await ReadAsync(command, cancellationToken);
    }

    private static NpgsqlBatchCommand Insert(AlertInstance alert)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO perfmon.alerts (rule_id, series_id, labels, state, value, active_at, fired_at, resolved_at, last_breach_at, last_notified_at, silenced, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)
            ON CONFLICT (rule_id, series_id) DO NOTHING
            """);
        Bind(command.Parameters, alert);
        return command;
    }

    private static NpgsqlBatchCommand Update(AlertInstance alert)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE perfmon.alerts SET labels = $3, state = $4, value = $5, active_at = $6, fired_at = $7, resolved_at = $8, last_breach_at = $9,
                last_notified_at = $10, silenced = $11, version = version + 1, updated_at = now()
            WHERE rule_id = $1 AND series_id = $2 AND version = $12
            """);
        Bind(command.Parameters, alert);
        command.Parameters.AddWithValue(alert.Version);
        return command;
    }

    private static NpgsqlBatchCommand History(AlertInstance alert, StagedTransition.HistoryEntry entry)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO perfmon.alert_history (rule_id, series_id, from_state, to_state, value, silenced) VALUES ($1, $2, $3, $4, $5, $6)
            """);
        var p = command.Parameters;
        p.AddWithValue(alert.Rule.Id);
        p.AddWithValue(alert.SeriesId);
        p.AddWithValue(entry.From.ToWire());
        p.AddWithValue(entry.To.ToWire());
        p.AddWithValue(double.IsFinite(entry.Value) ? entry.Value : 0);
        p.AddWithValue(entry.Silenced);
        return command;
    }

    private static void Bind(NpgsqlParameterCollection p, AlertInstance alert)
    {
        static object Time(DateTimeOffset? at) => (object?)at?.UtcDateTime ?? DBNull.Value;
        p.AddWithValue(alert.Rule.Id);
        p.AddWithValue(alert.SeriesId);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(alert.Labels));
        p.AddWithValue(alert.State.ToWire());
        p.AddWithValue(double.IsFinite(alert.Value) ? alert.Value : 0);
        p.AddWithValue(NpgsqlDbType.TimestampTz, Time(alert.ActiveAt));
        p.AddWithValue(NpgsqlDbType.TimestampTz, Time(alert.FiredAt));
        p.AddWithValue(NpgsqlDbType.TimestampTz, Time(alert.ResolvedAt));
        p.AddWithValue(NpgsqlDbType.TimestampTz, Time(alert.LastBreachAt));
        p.AddWithValue(NpgsqlDbType.TimestampTz, Time(alert.LastNotifiedAt));
        p.AddWithValue(alert.Silenced);
    }

    private static async Task<IReadOnlyList<StoredAlert>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var alerts = new List<StoredAlert>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            alerts.Add(new StoredAlert(
                reader.GetGuid(0), reader.GetInt64(1), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)) ?? [],
                new AlertSnapshot(WireName<AlertState>.Parse(reader.GetString(3)), reader.GetDouble(4), Time(5), Time(6), Time(7), Time(8), Time(9),
                    reader.GetBoolean(10), reader.GetInt64(11))));
        }
        return alerts;
    }
}
