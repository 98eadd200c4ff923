using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>The samples of grouped rules one evaluated batch read, gathered per (rule, group) for <see cref="GroupForwarder"/>.</summary>
public sealed class GroupBatch
{
    private readonly Dictionary<(Guid RuleId, long GroupId), GroupedSamples> groups = [];

    public IReadOnlyCollection<GroupedSamples> Groups => groups.Values;

    public void Add(AlertRule rule, SeriesMatch match, long seriesId, in EncodedSample sample)
    {
        if (!groups.TryGetValue((rule.Id, match.InstanceId), out var group))
        {
            group = new GroupedSamples(rule.Id, match.InstanceId, new Dictionary<string, string>(match.GroupLabels!, StringComparer.Ordinal), []);
            groups[(rule.Id, match.InstanceId)] = group;
        }
        group.Samples.Add(new GroupedSample(seriesId, sample.TimestampUnixMs, sample.Value, sample.Temporality, match.InNumerator));
    }
}
