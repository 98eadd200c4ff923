using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// One rule applied to one series, or to one group of series for a grouped rule: its window and where it stands in
/// inactive -> pending -> firing -> resolved, with the flap controls (recovery threshold, keepFiringFor, cooldown)
/// applied on every evaluation. Its state changes only through its own methods: evaluation moves it, the notify stages
/// record what receivers were told, the commit records what PostgreSQL holds.
/// </summary>
public sealed class AlertInstance(AlertRule rule, long seriesId, IReadOnlyDictionary<string, string> labels)
{
    private bool lastBreached;
    private bool lastRecovered = true;

    public AlertRule Rule { get; private set; } = rule;

    /// <summary>The series' id, or for a grouped rule the group's id (see <see cref="SeriesMatch"/>).</summary>
    public long SeriesId { get; } = seriesId;

    /// <summary>The series' labels, or for a grouped rule the group's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public ISampleWindow Window { get; private set; } = WindowFor(rule);

    public AlertState State { get; private set; } = AlertState.Inactive;

    public double Value { get; private set; }

    public DateTimeOffset? ActiveAt { get; private set; }

    public DateTimeOffset? FiredAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>The last time the condition held (or, while firing, the value had not yet recovered).</summary>
    public DateTimeOffset? LastBreachAt { get; private set; }

    /// <summary>The last time a sample or event for this series arrived; absence and anomaly rules time out from it.</summary>
    public DateTimeOffset? LastSeenAt { get; private set; }

    /// <summary>When the last firing (or reminder) notification was written; null while this firing has not been sent.</summary>
    public DateTimeOffset? LastNotifiedAt { get; private set; }

    /// <summary>Whether the current firing was muted by a silence (so its expiry must send it).</summary>
    public bool Silenced { get; private set; }

    /// <summary>When the window was last aggregated; a busy series is aggregated at most once per evaluation interval.</summary>
    public DateTimeOffset LastEvaluatedAt { get; private set; }

    /// <summary>Samples arrived since the last aggregation; the next tick evaluates them.</summary>
    public bool Dirty { get; private set; }

    /// <summary>The row version in PostgreSQL; transitions are a compare-and-set on it.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Takes on the current version of its rule. True when that version selects or measures series differently (see
    /// <see cref="AlertRule.SelectsLike"/>): what this instance stood for is no longer what the rule asks, so the
    /// engine ends it and the window starts empty.
    /// </summary>
    public bool Replace(AlertRule rule)
    {
        if (ReferenceEquals(rule, Rule))
        {
            return false;
        }
        var reselected = !Rule.SelectsLike(rule);
        if (reselected || rule.Window != Rule.Window || IsRatio(rule) != IsRatio(Rule))
        {
            Window = WindowFor(rule);
        }
        Rule = rule;
        return reselected;
    }

    /// <summary>
    /// Ends the alert because its rule was disabled or now selects other series: a firing alert resolves, a pending one
    /// goes back to inactive. True when the state changed.
    /// </summary>
    public bool End(DateTimeOffset now)
    {
        lastBreached = false;
        lastRecovered = true;
        Dirty = false;
        var before = State;
        if (State == AlertState.Firing)
        {
            State = AlertState.Resolved;
            ResolvedAt = now;
        }
        else if (State == AlertState.Pending)
        {
            State = AlertState.Inactive;
            ActiveAt = null;
        }
        return State != before;
    }

    /// <summary>
    /// Adds a sample and evaluates the window unless it was evaluated less than <paramref name="minInterval"/> ago (then the
    /// next tick does): aggregating thousands of points on every sample of a hot series would cost more than it tells.
    /// </summary>
    public bool Observe(in EncodedSample sample, long seriesId, bool inNumerator, DateTimeOffset now, TimeSpan minInterval)
    {
        Window.Add(sample.TimestampUnixMs, sample.Value, seriesId, inNumerator, sample.Temporality);
        if (now - LastEvaluatedAt < minInterval)
        {
            Dirty = true;
            return false;
        }
        return EvaluateWindow(now);
    }

    public bool EvaluateWindow(DateTimeOffset now)
    {
        Dirty = false;
        LastEvaluatedAt = now;
        return Evaluate(Window.Aggregate(Rule.Aggregation), now);
    }

    /// <summary>Applies the window's current value; returns true when the state changed.</summary>
    public bool Evaluate(double value, DateTimeOffset now) => Apply(Rule.IsBreached(value), Rule.IsRecovered(value), value, now);

    /// <summary>Applies a condition decided elsewhere (absence timers, anomaly and health events).</summary>
    public bool Apply(bool breached, bool recovered, double value, DateTimeOffset now)
    {
        Value = value;
        lastBreached = breached;
        lastRecovered = recovered;
        var before = State;
        if (State is AlertState.Inactive or AlertState.Resolved && breached && !InCooldown(now))
        {
            State = AlertState.Pending;
            ActiveAt = now;
        }
        if (State == AlertState.Pending)
        {
            if (!breached)
            {
                State = AlertState.Inactive;
                ActiveAt = null;
            }
            else if (now - ActiveAt >= Rule.For)
            {
                State = AlertState.Firing;
                FiredAt = now;
                ResolvedAt = null;
                LastNotifiedAt = null;
                Silenced = false;
            }
            if (breached)
            {
                LastBreachAt = now;
            }
        }
        else if (State == AlertState.Firing && before == AlertState.Firing)
        {
            if (!recovered)
            {
                LastBreachAt = now;
            }
            else if (LastBreachAt is null || now - LastBreachAt >= Rule.KeepFiringFor)
            {
                State = AlertState.Resolved;
                ResolvedAt = now;
            }
        }
        return State != before;
    }

    /// <summary>
    /// Re-applies the last known condition as time passes without new data: a pending alert reaches its <c>for</c>,
    /// keepFiringFor runs out, an absence or anomaly times out.
    /// </summary>
    public bool Tick(DateTimeOffset now)
    {
        switch (Rule.Kind)
        {
            case RuleKind.Absence when LastSeenAt is { } seen:
                var silentFor = now - seen;
                var absent = silentFor >= Rule.Window;
                return Apply(absent, !absent, Math.Round(silentFor.TotalSeconds, 3), now);
            case RuleKind.Anomaly when LastSeenAt is { } seen && State is AlertState.Pending or AlertState.Firing:
                var recent = now - seen < Rule.Window;
                return Apply(recent, !recent, Value, now);
            case RuleKind.Threshold when Dirty:
                return EvaluateWindow(now);
            case RuleKind.Threshold or RuleKind.Health when State is AlertState.Pending or AlertState.Firing:
                return Apply(lastBreached, lastRecovered, Value, now);
            default:
                return false;
        }
    }

    /// <summary>A sample or event for this series arrived.</summary>
    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    /// <summary>Whether a silence mutes the current firing; one that is lifted lets the firing through then.</summary>
    public void MarkSilenced(bool silenced) => Silenced = silenced;

    /// <summary>A firing, resolved or reminder notification was written for this instance.</summary>
    public void MarkNotified(DateTimeOffset at) => LastNotifiedAt = at;

    /// <summary>PostgreSQL now holds this state: the next write is a compare-and-set on the version after it.</summary>
    public void MarkCommitted() => Version++;

    public bool RepeatDue(DateTimeOffset now) =>
        State == AlertState.Firing && Rule.RepeatInterval > TimeSpan.Zero && LastNotifiedAt is { } notified && now - notified >= Rule.RepeatInterval;

    public AlertSnapshot Snapshot() => new(State, Value, ActiveAt, FiredAt, ResolvedAt, LastBreachAt, LastNotifiedAt, Silenced, Version);

    /// <summary>Takes on a stored state: after a restart, or when another replica won a transition.</summary>
    public void Restore(AlertSnapshot snapshot)
    {
        (State, Value, ActiveAt, FiredAt, ResolvedAt, LastBreachAt, LastNotifiedAt, Silenced, Version) = snapshot;
        lastBreached = State is AlertState.Pending or AlertState.Firing;
        lastRecovered = !lastBreached;
    }

    private static ISampleWindow WindowFor(AlertRule rule) => IsRatio(rule) ? new RatioWindow(rule.Window) : new SlidingWindow(rule.Window);

    private static bool IsRatio(AlertRule rule) => rule.Aggregation == RuleAggregation.Ratio;

    private bool InCooldown(DateTimeOffset now) => FiredAt is { } fired && now - fired < TimeSpan.FromMinutes(Rule.CooldownMinutes);
}
