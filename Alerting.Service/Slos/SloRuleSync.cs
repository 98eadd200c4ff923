using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// Writes the burn-rate rules an SLO owns from the SLO as it is now: through the rules' own validator (so they are
/// exactly what a user could have written) and store, then refreshes the rule cache so they evaluate at once.
/// </summary>
public sealed class SloRuleSync(RuleValidator validator, RuleStore rules, SloStore slos, RuleCache cache)
{
    public async Task SyncAsync(Slo slo, CancellationToken cancellationToken)
    {
        foreach (var (_, ruleId, request) in SloRuleGenerator.Rules(slo))
        {
            var (rule, errors) = await validator.ValidateAsync(ruleId, request, cancellationToken);
            if (rule is null)
            {
                // The validator refusing what the generator wrote is a bug here, not a user's mistake.
                throw new InvalidOperationException($"the rule generated for SLO {slo.Name} is invalid: " +
                    string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
            }
            await rules.SaveAsync(rule, cancellationToken);
            await slos.OwnAsync(slo.Id, ruleId, cancellationToken);
        }
        await cache.RefreshAsync(cancellationToken);
    }

    /// <summary>After an SLO and its rules were deleted: evaluation drops them now rather than at the next periodic read.</summary>
    public Task RulesDeletedAsync(CancellationToken cancellationToken) => cache.RefreshAsync(cancellationToken);
}
