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
        Assert.Equal(breached, (Rule() with { Condition = WireName<RuleCondition>.Parse(condition), Threshold = threshold }).IsBreached(value));
    }

    [Fact]
    public void The_window_drops_samples_older_than_its_length()
    {
        var window = new SlidingWindow(TimeSpan.FromSeconds(60));
        window.Add(0, 100, 1, inNumerator: false);
        window.Add(30_000, 10, 1, inNumerator: false);
        window.Add(61_000, 20, 1, inNumerator: false);

        Assert.Equal(15, window.Aggregate(RuleAggregation.Avg));
        Assert.Equal(2, window.Aggregate(RuleAggregation.Count));
    }

    [Fact]
    public void A_new_threshold_keeps_the_alert_and_a_new_selection_ends_it()
    {
        var rule = Rule();
        var alert = new AlertInstance(rule, 1, new Dictionary<string, string>());
        alert.Evaluate(95, T0);

        var sameRule = alert.Replace(rule);
        var newThreshold = alert.Replace(rule with { Threshold = 80, Severity = Severity.Critical });
        var newMatchers = alert.Replace(rule with { Matchers = [new LabelMatcher("host", "!=", "db-1")] });
        var ended = alert.End(T0.AddSeconds(5));

        Assert.False(sameRule);
        Assert.False(newThreshold);
        Assert.True(newMatchers);
        Assert.True(ended);
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.Equal(T0.AddSeconds(5), alert.ResolvedAt);
        Assert.True(alert.Window.IsEmpty);
    }

    [Theory]
    [InlineData("metric")]
    [InlineData("aggregation")]
    [InlineData("labels")]
    [InlineData("groupBy")]
    [InlineData("numerator")]
    public void Each_part_of_the_selection_counts_as_a_new_selection(string part)
    {
        var rule = Rule();
        var edited = part switch
        {
            "metric" => rule with { Metric = "memory" },
            "aggregation" => rule with { Aggregation = RuleAggregation.P95 },
            "labels" => rule with { Labels = new Dictionary<string, string> { ["host"] = "db-1" } },
            "groupBy" => rule with { GroupBy = ["service"] },
            _ => rule with { Numerator = [new LabelMatcher("status", "=~", "5..")] },
        };

        Assert.False(rule.SelectsLike(edited));
        Assert.True(rule.SelectsLike(rule with { Threshold = 1, For = TimeSpan.FromMinutes(5), WebhookUrl = "" }));
    }

    [Fact]
    public void Ending_a_pending_alert_returns_it_to_inactive_and_an_inactive_one_is_left_alone()
    {
        var pending = new AlertInstance(Rule(forDuration: TimeSpan.FromMinutes(1)), 1, new Dictionary<string, string>());
        pending.Evaluate(95, T0);
        var inactive = new AlertInstance(Rule(), 2, new Dictionary<string, string>());

        Assert.True(pending.End(T0.AddSeconds(1)));
        Assert.Equal(AlertState.Inactive, pending.State);
        Assert.Null(pending.ActiveAt);
        Assert.False(inactive.End(T0.AddSeconds(1)));
    }

    private static AlertRule Rule(TimeSpan? forDuration = null, int cooldownMinutes = 0) => new(
        Guid.NewGuid(), "cpu", RuleKind.Threshold, "cpu", new Dictionary<string, string>(), RuleAggregation.Avg, TimeSpan.FromMinutes(1),
        RuleCondition.GreaterThan, 90, forDuration ?? TimeSpan.Zero, Severity.Warning, cooldownMinutes, "http://example.invalid/hook", PayloadFormat.Json, true);
}
