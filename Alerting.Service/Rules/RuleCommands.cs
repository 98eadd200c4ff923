namespace PerfMonitor.Alerting.Rules;

/// <summary>Creating and replacing rules, shared by the REST and gRPC APIs so both validate and store alike.</summary>
public sealed class RuleCommands(RuleValidator validator, RuleStore store, RuleCache cache)
{
    public async Task<(AlertRule? Rule, Dictionary<string, string[]> Errors)> CreateAsync(AlertRuleRequest request, CancellationToken cancellationToken)
    {
        var (rule, errors) = await validator.ValidateAsync(Guid.NewGuid(), request, cancellationToken);
        if (rule is not null)
        {
            await store.SaveAsync(rule, cancellationToken);
            await cache.RefreshAsync(cancellationToken);
        }
        return (rule, errors);
    }

    /// <summary>Null when there is no such rule.</summary>
    public async Task<(AlertRule? Rule, Dictionary<string, string[]> Errors)?> UpdateAsync(Guid id, AlertRuleRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } existing)
        {
            return null;
        }
        var (rule, errors) = await validator.ValidateAsync(id, request, cancellationToken);
        if (rule is null)
        {
            return (null, errors);
        }
        // The secret is write-only: an update without one keeps the stored secret; "" removes it.
        rule = rule with { Secret = request.Secret ?? existing.Secret, Builtin = existing.Builtin };
        await store.SaveAsync(rule, cancellationToken);
        await cache.RefreshAsync(cancellationToken);
        return (rule, errors);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(id, cancellationToken);
        if (deleted)
        {
            await cache.RefreshAsync(cancellationToken);
        }
        return deleted;
    }
}
