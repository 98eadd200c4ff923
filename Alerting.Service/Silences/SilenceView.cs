using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Silences;

/// <summary>A silence as the API shows it, with its state now: pending, active or expired.</summary>
public sealed record SilenceView(Guid Id, IReadOnlyList<LabelMatcherRequest> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string State, string CreatedBy, string Comment, DateTimeOffset CreatedAt)
{
    public static SilenceView From(Silence silence, DateTimeOffset now) => new(
        silence.Id, [.. silence.Matchers.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value))], silence.StartsAt, silence.EndsAt,
        silence.StateAt(now), silence.CreatedBy, silence.Comment, silence.CreatedAt);
}
