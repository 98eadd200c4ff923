using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Silences;

/// <summary>A new silence: matchers, and either endsAt or a duration such as "2h" (startsAt defaults to now).</summary>
public sealed record SilenceRequest(List<LabelMatcherRequest>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Duration, string? CreatedBy, string? Comment);
