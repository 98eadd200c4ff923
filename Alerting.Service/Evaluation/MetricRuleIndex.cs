using System.IO.Hashing;
using System.Text;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The enabled sample rules (threshold and absence) by metric name, looked up with the name's UTF-8 bytes as they lie in
/// the record, so a sample no rule could match is skipped before anything of it is decoded. It also remembers, per rule
/// and series, whether the series' labels match and which group they put it in, so labels are decoded and grouped once
/// per series, not once per sample. A new index is built whenever the rules are re-read, so an edited rule's matchers
/// and groups are applied afresh.
/// </summary>
public sealed class MetricRuleIndex
{
    /// <summary>Past this many remembered (rule, series) decisions the memory starts over: one decode per series again.</summary>
    public const int MaxRememberedMatches = 1_000_000;

    public static readonly MetricRuleIndex Empty = new([]);

    private readonly Dictionary<ulong, (byte[] Metric, AlertRule[] Rules)[]> byHash = [];
    private readonly Dictionary<(Guid RuleId, long SeriesId), SeriesMatch> matches = [];

    public MetricRuleIndex(IEnumerable<AlertRule> rules)
    {
        foreach (var group in rules.Where(r => r.Enabled && r.Kind is RuleKind.Threshold or RuleKind.Absence).GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            var metric = Encoding.UTF8.GetBytes(group.Key);
            var hash = XxHash3.HashToUInt64(metric);
            byHash[hash] = [.. byHash.GetValueOrDefault(hash) ?? [], (metric, group.ToArray())];
        }
    }

    public bool IsEmpty => byHash.Count == 0;

    /// <summary>The rules on this metric (given as UTF-8), or null when there are none.</summary>
    public AlertRule[]? Find(ReadOnlySpan<byte> metric)
    {
        if (!byHash.TryGetValue(XxHash3.HashToUInt64(metric), out var candidates))
        {
            return null;
        }
        foreach (var (name, rules) in candidates)
        {
            if (metric.SequenceEqual(name))
            {
                return rules;
            }
        }
        return null;
    }

    /// <summary>What this rule made of this series when its labels were checked. Not thread-safe: the engine's gate guards it.</summary>
    public bool TryGetMatch(Guid ruleId, long seriesId, out SeriesMatch matched) => matches.TryGetValue((ruleId, seriesId), out matched);

    public void RememberMatch(Guid ruleId, long seriesId, SeriesMatch matched)
    {
        if (matches.Count >= MaxRememberedMatches)
        {
            matches.Clear();
        }
        matches[(ruleId, seriesId)] = matched;
    }
}
