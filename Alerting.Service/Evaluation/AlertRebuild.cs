using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Takes on the states stored in PostgreSQL, so a restart neither forgets a firing alert nor fires it again. An instance
/// whose rule is gone is left out.
/// </summary>
public sealed partial class AlertRebuild(AlertInstances instances, RuleCache rules, IStoredAlerts stored, TimeProvider clock, ILogger<AlertRebuild> logger)
{
    /// <summary>Reads the rules and the stored states; the engine holds its gate from here to the restore.</summary>
    public async Task<IReadOnlyList<StoredAlert>> LoadAsync(CancellationToken cancellationToken)
    {
        await rules.RefreshAsync(cancellationToken);
        return await stored.ListAsync(cancellationToken);
    }

    public async Task RestoreAsync(IReadOnlyList<StoredAlert> alerts, CancellationToken cancellationToken)
    {
        var byId = rules.All.ToDictionary(r => r.Id);
        var restored = new List<AlertInstance>();
        foreach (var alert in alerts)
        {
            if (byId.TryGetValue(alert.RuleId, out var rule))
            {
                var instance = new AlertInstance(rule, alert.SeriesId, alert.Labels);
                instance.Seen(clock.GetUtcNow());
                instance.Restore(alert.Snapshot);
                restored.Add(instance);
            }
        }
        await instances.RestoreAsync(restored, cancellationToken);
        LogRebuilt(instances.Count, alerts.Count(s => s.Snapshot.State == AlertState.Firing));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt {Count} alert instances from PostgreSQL ({Firing} firing)")]
    private partial void LogRebuilt(int count, int firing);
}
