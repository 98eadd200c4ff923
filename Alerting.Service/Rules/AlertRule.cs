namespace PerfMonitor.Alerting.Rules;

/// <summary>A stored rule: the contract's fields with durations as TimeSpans and the closed sets (kind, condition, ...) as enums.</summary>
public sealed record AlertRule(
    Guid Id,
    string Name,
    RuleKind Kind,
    string Metric,
    IReadOnlyDictionary<string, string> Labels,
    RuleAggregation Aggregation,
    TimeSpan Window,
    RuleCondition Condition,
    double Threshold,
    TimeSpan For,
    Severity Severity,
    int CooldownMinutes,
    string WebhookUrl,
    PayloadFormat Format,
    bool Enabled)
{
    public IReadOnlyList<LabelMatcher> Matchers { get; init; } = [];

    /// <summary>Label names whose values split the matching series into groups, one alert instance and one window per group (empty: per series).</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>Aggregation ratio: the samples counted above the line, those of series that also match all of these.</summary>
    public IReadOnlyList<LabelMatcher> Numerator { get; init; } = [];

    public bool IsGrouped => GroupBy.Count > 0;

    /// <summary>Hysteresis: once firing, the alert resolves only when the value is back past this (null: past the threshold).</summary>
    public double? RecoveryThreshold { get; init; }

    /// <summary>Keeps a firing alert firing this long after the condition last held, so a brief dip does not resolve it.</summary>
    public TimeSpan KeepFiringFor { get; init; }

    /// <summary>While firing, a reminder notification is sent this often (zero: never).</summary>
    public TimeSpan RepeatInterval { get; init; }

    /// <summary>The HMAC-SHA256 key for the signature header; write-only in the API and never logged.</summary>
    public string? Secret { get; init; }

    /// <summary>Anomaly rules: the lowest anomaly severity that counts.</summary>
    public Severity MinSeverity { get; init; } = Severity.Warning;

    public bool Builtin { get; init; }

    /// <summary>Kind expr: the PromQL expression whose series are the alerts.</summary>
    public string? Expr { get; init; }

    /// <summary>Sent with every notification: summary, description, runbook_url, ... ({{ $value }} and {{ $labels.x }} filled in).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public bool HasWebhook => !string.IsNullOrEmpty(WebhookUrl);

    public bool Matches(string metric, IReadOnlyDictionary<string, string> labels)
    {
        if (metric != Metric && !(Kind is RuleKind.Anomaly && Metric is "" or "*"))
        {
            return false;
        }
        return MatchesLabels(labels);
    }

    public bool MatchesLabels(IReadOnlyDictionary<string, string> labels) =>
        Labels.All(required => labels.TryGetValue(required.Key, out var value) && value == required.Value)
        && Matchers.All(m => m.Matches(labels));

    /// <summary>
    /// Whether another version of this rule picks, groups and measures the same series the same way, so the alerts
    /// of this version still mean what they meant. Thresholds, durations and delivery may differ.
    /// </summary>
    public bool SelectsLike(AlertRule other) =>
        Kind == other.Kind && Metric == other.Metric && Aggregation == other.Aggregation
        && Labels.Count == other.Labels.Count && Labels.All(l => other.Labels.TryGetValue(l.Key, out var value) && value == l.Value)
        && LabelMatcher.SameAs(Matchers, other.Matchers) && GroupBy.SequenceEqual(other.GroupBy, StringComparer.Ordinal)
        && LabelMatcher.SameAs(Numerator, other.Numerator) && Expr == other.Expr;

    /// <summary>Whether a series with these labels counts in the numerator of a ratio.</summary>
    public bool MatchesNumerator(IReadOnlyDictionary<string, string> labels) => Numerator.All(m => m.Matches(labels));

    public bool IsBreached(double value) => Compare(value, Threshold);

    /// <summary>Whether a firing alert may resolve at this value: past the recovery threshold when one is set.</summary>
    public bool IsRecovered(double value) => (RecoveryThreshold, Condition) switch
    {
        ({ } recovery, RuleCondition.GreaterThan or RuleCondition.GreaterOrEqual) => value < recovery,
        ({ } recovery, RuleCondition.LessThan or RuleCondition.LessOrEqual) => value > recovery,
        _ => !IsBreached(value),
    };

    private bool Compare(double value, double threshold) => Condition switch
    {
        RuleCondition.GreaterThan => value > threshold,
        RuleCondition.LessThan => value < threshold,
        RuleCondition.GreaterOrEqual => value >= threshold,
        RuleCondition.LessOrEqual => value <= threshold,
        RuleCondition.EqualTo => value == threshold,
        RuleCondition.NotEqualTo => value != threshold,
        _ => false,
    };
}
