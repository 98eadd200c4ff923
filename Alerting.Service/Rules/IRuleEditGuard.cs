namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// Says when a rule may not be replaced or deleted by hand, because something else writes it (an SLO's burn-rate rules).
/// Defined here so the rule APIs ask it without knowing who owns which rule.
/// </summary>
public interface IRuleEditGuard
{
    /// <summary>Why the rule may not be changed by hand, or null when it may.</summary>
    Task<string?> RefusalAsync(Guid ruleId, CancellationToken cancellationToken);
}
