using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Inhibition;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// One round of the group dispatcher, in one transaction under an advisory lock (one replica at a time): read the stored
/// alerts and groups, mark inhibitions, plan, and write each due group's outbox row with its new state. Returns how many
/// notifications it wrote.
/// </summary>
public sealed class GroupRound(NpgsqlDataSource dataSource, RoutingCache routing, RoutedAlerts alerts, GroupPlanner planner, GroupPayloads payloads, IOptions<RoutingOptions> options)
{
    /// <summary>The advisory lock of the group dispatcher ("perfmon groups"), distinct from the schema migrator's.</summary>
    private const long LockKey = 0x7065_7266_6d67_7270;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await routing.RefreshAsync(cancellationToken);
        var tree = routing.Tree;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({LockKey})", connection, transaction))
        {
            if (!(bool)(await locking.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }
        var states = await GroupStateStore.LoadAsync(connection, transaction, cancellationToken);
        if (tree.Root is null && states.Count == 0)
        {
            return 0;
        }
        var loaded = await alerts.LoadAsync(connection, transaction, options.Value.ResolvedLookback, cancellationToken);
        var candidates = loaded.Where(a => a.Routed).Select(a => new InhibitionMarks.Candidate(
            a.Member.Fingerprint, a.Member.Labels.GetValueOrDefault("alertname") ?? "", a.Member.Labels, a.Firing, a.InhibitedBy, a.Member.RuleId, a.Member.SeriesId)).ToList();
        var sources = loaded.Where(a => !a.Routed && a.Firing).Select(a => new InhibitionMarks.Candidate(
            a.Member.Fingerprint, a.Member.Labels.GetValueOrDefault("alertname") ?? "", a.Member.Labels, true, null, a.Member.RuleId, a.Member.SeriesId));
        var marks = InhibitionMarks.Compute(tree.InhibitRules, [.. candidates, .. sources]);
        var current = loaded.Select(a => a.Routed ? a with { InhibitedBy = marks[a.Member.Fingerprint] } : a).ToList();
        var pending = await GroupStateStore.PendingAsync(connection, transaction, cancellationToken);
        var flushes = planner.Plan(tree, current, states, pending, now);

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var update in InhibitionMarks.Updates(candidates, marks))
        {
            batch.BatchCommands.Add(update);
        }
        var written = await AddFlushesAsync(batch, flushes, now, cancellationToken);
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private async Task<int> AddFlushesAsync(NpgsqlBatch batch, IReadOnlyList<GroupFlush> flushes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = 0;
        var receivers = new Dictionary<string, Receiver?>(StringComparer.Ordinal);
        foreach (var flush in flushes)
        {
            var state = flush.State;
            if (flush.Notice is { } notice)
            {
                if (!receivers.TryGetValue(state.Receiver, out var receiver))
                {
                    receiver = await routing.ReceiverAsync(state.Receiver, cancellationToken);
                    receivers[state.Receiver] = receiver;
                }
                if (receiver is not null && GroupPayloads.ForReceiver(notice, receiver) is { } shaped)
                {
                    batch.BatchCommands.Add(Notify.OutboxInsert.Command(payloads.Render(shaped, receiver)));
                    written++;
                }
                state.LastSentAt = now;
                state.Sent = notice.Firing.ToDictionary(m => m.Fingerprint, StringComparer.Ordinal);
                state.Joined = new(StringComparer.Ordinal);
            }
            batch.BatchCommands.Add(flush.Forget ? GroupStateStore.Forget(state) : GroupStateStore.Save(state));
        }
        return written;
    }
}
