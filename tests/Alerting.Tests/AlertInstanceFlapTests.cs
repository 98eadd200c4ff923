using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

public sealed class AlertInstanceFlapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keep_firing_for_holds_a_firing_alert_through_a_short_dip()
    {
        var alert = new AlertInstance(Rule() with { KeepFiringFor = TimeSpan.FromSeconds(30) }, 1, new Dictionary<string, string>());

        alert.Evaluate(95, T0);
        var dipped = alert.Evaluate(10, T0.AddSeconds(10));
        alert.Evaluate(95, T0.AddSeconds(20));
        alert.Evaluate(10, T0.AddSeconds(25));
        var stillFiring = alert.Tick(T0.AddSeconds(49));
        var resolved = alert.Tick(T0.AddSeconds(50));

        Assert.False(dipped);
        Assert.False(stillFiring);
        Assert.True(resolved);
        Assert.Equal(AlertState.Resolved, alert.State);
    }

    [Fact]
    public void A_pending_alert_fires_on_a_tick_once_its_for_has_passed_without_new_samples()
    {
        var alert = new AlertInstance(Rule() with { For = TimeSpan.FromSeconds(30) }, 1, new Dictionary<string, string>());

        alert.Evaluate(95, T0);

        Assert.False(alert.Tick(T0.AddSeconds(29)));
        Assert.True(alert.Tick(T0.AddSeconds(30)));
        Assert.Equal(AlertState.Firing, alert.State);
    }

    [Fact]
    public void Repeat_is_due_only_while_firing_and_after_the_interval_since_the_last_notification()
    {
        var alert = new AlertInstance(Rule() with { RepeatInterval = TimeSpan.FromMinutes(5) }, 1, new Dictionary<string, string>());
        alert.Evaluate(95, T0);
        alert.MarkNotified(T0);

        Assert.False(alert.RepeatDue(T0.AddMinutes(4)));
        Assert.True(alert.RepeatDue(T0.AddMinutes(5)));
    }

    [Theory]
    [InlineData("host", "=~", "db-.*", "db-1", true)]
    [InlineData("host", "=~", "db-.*", "xdb-1", false)]
    [InlineData("host", "!~", "db-.*", "web-1", true)]
    [InlineData("host", "!=", "db-1", "db-1", false)]
    [InlineData("missing", "=", "", "anything", true)]
    public void Label_matchers_follow_prometheus_semantics(string name, string op, string value, string actual, bool matches)
    {
        Assert.Equal(matches, new LabelMatcher(name, op, value).Matches(new Dictionary<string, string> { ["host"] = actual }));
    }

    [Fact]
    public void Window_percentiles_and_rate_are_computed_over_the_window()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        for (var i = 1; i <= 100; i++)
        {
            window.Add(i * 100, i, 1, inNumerator: false);
        }

        Assert.Equal(50, window.Aggregate(RuleAggregation.P50));
        Assert.Equal(95, window.Aggregate(RuleAggregation.P95));
        Assert.Equal(99, window.Aggregate(RuleAggregation.P99));
        Assert.Equal(10, window.Aggregate(RuleAggregation.Rate), 3);
    }

    private static AlertRule Rule() => new(
        Guid.NewGuid(), "cpu", RuleKind.Threshold, "cpu", new Dictionary<string, string>(), RuleAggregation.Avg, TimeSpan.FromMinutes(1),
        RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Warning, 0, "http://example.invalid/hook", PayloadFormat.Json, true);
}
