namespace PerfMonitor.Alerting.Rules;

/// <summary>A stored rule: the contract's fields with durations as TimeSpans.</summary>
public sealed record AlertRule(
    Guid Id,
    string Name,
    string Kind,
    string Metric,
    IReadOnlyDictionary<string, string> Labels,
    string Aggregation,
    TimeSpan Window,
    string Condition,
    double Threshold,
    TimeSpan For,
    string Severity,
    int CooldownMinutes,
    string WebhookUrl,
    string Format,
    bool Enabled)
{
    public bool Matches(string metric, IEnumerable<KeyValuePair<string, string>> labels)
    {
        if (metric != Metric)
        {
            return false;
        }
        var present = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        return Labels.All(required => present.TryGetValue(required.Key, out var value) && value == required.Value);
    }

    public bool IsBreached(double value) => Condition switch
    {
        "greater_than" => value > Threshold,
        "less_than" => value < Threshold,
        "greater_or_equal" => value >= Threshold,
        "less_or_equal" => value <= Threshold,
        "equals" => value == Threshold,
        "not_equals" => value != Threshold,
        _ => false,
    };
}
