namespace PerfMonitor.Alerting.Slos;

/// <summary>Creating, replacing and deleting SLOs with the rules they own.</summary>
public sealed class SloCommands(SloValidator validator, SloStore store, SloRuleSync sync)
{
    public async Task<(Slo? Slo, Dictionary<string, string[]> Errors)> CreateAsync(SloRequest request, CancellationToken cancellationToken) =>
        await SaveAsync(Guid.NewGuid(), request, cancellationToken);

    /// <summary>Null when there is no such SLO.</summary>
    public async Task<(Slo? Slo, Dictionary<string, string[]> Errors)?> UpdateAsync(Guid id, SloRequest request, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is null ? null : await SaveAsync(id, request, cancellationToken);

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(id, cancellationToken);
        if (deleted)
        {
            await sync.RulesDeletedAsync(cancellationToken);
        }
        return deleted;
    }

    private async Task<(Slo? Slo, Dictionary<string, string[]> Errors)> SaveAsync(Guid id, SloRequest request, CancellationToken cancellationToken)
    {
        var (slo, errors) = await validator.ValidateAsync(id, request, cancellationToken);
        if (slo is not null)
        {
            await store.SaveAsync(slo, cancellationToken);
            await sync.SyncAsync(slo, cancellationToken);
        }
        return (slo, errors);
    }
}
