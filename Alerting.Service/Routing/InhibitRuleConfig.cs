namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// Alertmanager's inhibit rule: while an alert matching <see cref="SourceMatchers"/> fires, alerts matching
/// <see cref="TargetMatchers"/> that carry the same values of the <see cref="Equal"/> labels are not sent.
/// </summary>
public sealed class InhibitRuleConfig
{
    public List<string>? SourceMatchers { get; set; }

    public List<string>? TargetMatchers { get; set; }

    public List<string>? Equal { get; set; }
}
