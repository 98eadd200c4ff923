namespace PerfMonitor.Alerting.Rules;

/// <summary>The rules as read at one refresh: all of them and the enabled ones, replaced whole so readers never mix two reads.</summary>
public sealed class RuleSet(IReadOnlyList<AlertRule> all)
{
    public static readonly RuleSet Empty = new([]);

    public IReadOnlyList<AlertRule> All { get; } = all;

    public IReadOnlyList<AlertRule> Enabled { get; } = [.. all.Where(r => r.Enabled)];
}
