using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

public sealed class AlertInstanceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_breach_fires_only_after_the_for_duration_and_resolves_when_it_ends()
    {
        var alert = new AlertInstance(Rule(forDuration: TimeSpan.FromSeconds(30)), 1, new Dictionary<string, string>());

        Assert.True(alert.Evaluate(95, T0));
        Assert.Equal(AlertState.Pending, alert.State);
        Assert.False(alert.Evaluate(96, T0.AddSeconds(10)));
        Assert.True(alert.Evaluate(97, T0.AddSeconds(30)));
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.True(alert.Evaluate(50, T0.AddSeconds(40)));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(T0.AddSeconds(40), alert.ResolvedAt);
    }

    [Fact]
    public void A_pending_alert_that_recovers_goes_back_to_inactive_without_firing()
    {
        var alert = new AlertInstance(Rule(forDuration: TimeSpan.FromMinutes(1)), 1, new Dictionary<string, string>());

        alert.Evaluate(95, T0);
        alert.Evaluate(10, T0.AddSeconds(5));

        Assert.Equal(AlertState.Inactive, alert.State);
        Assert.Null(alert.FiredAt);
    }

    [Fact]
    public void No_re_fire_inside_the_cooldown()
    {
        var alert = new AlertInstance(Rule(cooldownMinutes: 10), 1, new Dictionary<string, string>());

        alert.Evaluate(95, T0);
        alert.Evaluate(10, T0.AddMinutes(1));
        var refiredInside = alert.Evaluate(95, T0.AddMinutes(5));
        var refiredAfter = alert.Evaluate(95, T0.AddMinutes(11));

        Assert.False(refiredInside);
        Assert.True(refiredAfter);
        Assert.Equal(AlertState.Firing, alert.State);
    }

    [Theory]
    [InlineData("greater_than", 90, 90, false)]
    [InlineData("greater_or_equal", 90, 90, true)]
    [InlineData("less_than", 10, 5, true)]
    [InlineData("not_equals", 1, 1, false)]
    public void Conditions_compare_the_window_value_with_the_threshold(string condition, double threshold, double value, bool breached)
    {
        Assert.Equal(breached, (Rule() with { Condition = condition, Threshold = threshold }).IsBreached(value));
    }

    [Fact]
    public void The_window_drops_samples_older_than_its_length()
    {
        var window = new SlidingWindow(TimeSpan.FromSeconds(60));
        window.Add(0, 100, 1, inNumerator: false);
        window.Add(30_000, 10, 1, inNumerator: false);
        window.Add(61_000, 20, 1, inNumerator: false);

        Assert.Equal(15, window.Aggregate("avg"));
        Assert.Equal(2, window.Aggregate("count"));
    }

    private static AlertRule Rule(TimeSpan? forDuration = null, int cooldownMinutes = 0) => new(
        Guid.NewGuid(), "cpu", "threshold", "cpu", new Dictionary<string, string>(), "avg", TimeSpan.FromMinutes(1),
        "greater_than", 90, forDuration ?? TimeSpan.Zero, "warning", cooldownMinutes, "http://example.invalid/hook", "json", true);
}
