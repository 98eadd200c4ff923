using PerfMonitor.PromQL.Model;
using static PerfMonitor.PromQL.Tests.Evaluation.TestData;

namespace PerfMonitor.PromQL.Tests.Evaluation;

public class SelectorTests
{
    private static readonly PromQLEngine Engine = TestData.Engine(
        Series("up", [("job", "a")], (0, 1), (60, 2), (120, 3)),
        Series("up", [("job", "b")], (0, 10)));

    [Fact]
    public async Task Instant_selector_takes_the_latest_sample_within_five_minutes()
    {
        var samples = await InstantAsync(Engine, "up", 400);

        var sample = Assert.Single(samples);
        Assert.Equal("a", sample.Labels.Get("job"));
        Assert.Equal(3, sample.Value);
    }

    [Fact]
    public async Task A_sample_exactly_five_minutes_old_still_counts_and_one_later_does_not()
    {
        Assert.Equal(3, await SingleAsync(Engine, "up{job=\"a\"}", 420));
        Assert.Empty(await InstantAsync(Engine, "up{job=\"a\"}", 421));
    }

    [Fact]
    public async Task Offset_and_at_move_the_evaluation_time()
    {
        Assert.Equal(2, await SingleAsync(Engine, "up{job=\"a\"} offset 1m", 120));
        Assert.Equal(1, await SingleAsync(Engine, "up{job=\"a\"} @ 30", 1000));
    }

    [Fact]
    public async Task Regex_matchers_are_anchored()
    {
        Assert.Empty(await InstantAsync(Engine, "up{job=~\"\"}", 60));
        Assert.Equal(2, (await InstantAsync(Engine, "up{job=~\"a|b\"}", 60)).Count);
        Assert.Empty(await InstantAsync(Engine, "up{job=~\"x|\"}", 60));
    }

    [Fact]
    public async Task Arithmetic_drops_the_metric_name_and_comparison_keeps_it()
    {
        var sum = Assert.Single(await InstantAsync(Engine, "up{job=\"a\"} + 1", 120));
        var filtered = Assert.Single(await InstantAsync(Engine, "up{job=\"a\"} > 1", 120));
        var boolean = Assert.Single(await InstantAsync(Engine, "up{job=\"a\"} > bool 5", 120));

        Assert.Null(sum.Labels.Get(LabelSet.MetricName));
        Assert.Equal("up", filtered.Labels.Get(LabelSet.MetricName));
        Assert.Equal((0.0, null), (boolean.Value, boolean.Labels.Get(LabelSet.MetricName)));
    }
}
