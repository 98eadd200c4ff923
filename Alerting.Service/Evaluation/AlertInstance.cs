using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>One rule applied to one series: its window and where it stands in inactive -> pending -> firing -> resolved.</summary>
public sealed class AlertInstance(AlertRule rule, long seriesId, IReadOnlyDictionary<string, string> labels)
{
    public AlertRule Rule { get; set; } = rule;

    public long SeriesId { get; } = seriesId;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public SlidingWindow Window { get; } = new(rule.Window);

    public AlertState State { get; private set; } = AlertState.Inactive;

    public double Value { get; private set; }

    public DateTimeOffset? ActiveAt { get; private set; }

    public DateTimeOffset? FiredAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Applies the window's current value; returns true when the state changed.</summary>
    public bool Evaluate(double value, DateTimeOffset now)
    {
        Value = value;
        var breached = Rule.IsBreached(value);
        var before = State;
        if (breached)
        {
            if (State is AlertState.Inactive or AlertState.Resolved && !InCooldown(now))
            {
                State = AlertState.Pending;
                ActiveAt = now;
            }
            if (State == AlertState.Pending && now - ActiveAt >= Rule.For)
            {
                State = AlertState.Firing;
                FiredAt = now;
                ResolvedAt = null;
            }
        }
        else if (State == AlertState.Pending)
        {
            State = AlertState.Inactive;
            ActiveAt = null;
        }
        else if (State == AlertState.Firing)
        {
            State = AlertState.Resolved;
            ResolvedAt = now;
        }
        return State != before;
    }

    private bool InCooldown(DateTimeOffset now) => FiredAt is { } fired && now - fired < TimeSpan.FromMinutes(Rule.CooldownMinutes);
}
