namespace PerfMonitor.Alerting.Inhibition;

/// <summary>
/// Alertmanager's inhibition: which firing alert, if any, mutes a given one. An alert never inhibits itself, and an alert
/// that both matches a rule's source and its target is muted only by another source alert, as in Alertmanager.
/// </summary>
public static class Inhibitor
{
    /// <summary>The source alert (its identity, <paramref name="firing"/>'s key) that inhibits <paramref name="target"/>, or null.</summary>
    public static string? InhibitedBy<TKey>(
        IReadOnlyList<InhibitRule> rules,
        TKey targetKey,
        IReadOnlyDictionary<string, string> target,
        IEnumerable<KeyValuePair<TKey, IReadOnlyDictionary<string, string>>> firing)
        where TKey : notnull
    {
        foreach (var rule in rules.Where(r => r.IsTarget(target)))
        {
            foreach (var (key, source) in firing)
            {
                if (!EqualityComparer<TKey>.Default.Equals(key, targetKey) && rule.IsSource(source) && rule.SharesEqualLabels(source, target))
                {
                    return key.ToString();
                }
            }
        }
        return null;
    }
}
