using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Silences;

/// <summary>A new silence: matchers, and either endsAt or a duration such as "2h" (startsAt defaults to now).</summary>
public sealed record SilenceRequest(List<LabelMatcherRequest>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Duration, string? CreatedBy, string? Comment);

public sealed record SilenceView(Guid Id, IReadOnlyList<LabelMatcherRequest> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string State, string CreatedBy, string Comment, DateTimeOffset CreatedAt)
{
    public static SilenceView From(Silence silence, DateTimeOffset now) => new(
        silence.Id, [.. silence.Matchers.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value))], silence.StartsAt, silence.EndsAt,
        silence.StateAt(now), silence.CreatedBy, silence.Comment, silence.CreatedAt);
}
