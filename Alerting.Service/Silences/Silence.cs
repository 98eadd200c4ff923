using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Silences;

/// <summary>Mutes alerts whose labels (plus alertname and severity) match every matcher, between StartsAt and EndsAt.</summary>
public sealed record Silence(Guid Id, IReadOnlyList<LabelMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment, DateTimeOffset CreatedAt)
{
    public bool IsActive(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public string StateAt(DateTimeOffset now) => now < StartsAt ? "pending" : now < EndsAt ? "active" : "expired";

    public bool Mutes(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) => IsActive(now) && Matchers.All(m => m.Matches(labels));
}
