using PerfMonitor.PromQL.Model;
using static PerfMonitor.PromQL.Tests.Evaluation.TestData;

namespace PerfMonitor.PromQL.Tests.Evaluation;

public class OperatorTests
{
    private static readonly PromQLEngine Engine = TestData.Engine(
        Series("req", [("job", "a"), ("code", "200")], (0, 10)),
        Series("req", [("job", "a"), ("code", "500")], (0, 2)),
        Series("req", [("job", "b"), ("code", "200")], (0, 6)),
        Series("info", [("job", "a"), ("team", "x")], (0, 1)),
        Series("info", [("job", "b"), ("team", "y")], (0, 1)),
        Series("other", [("job", "a"), ("code", "200")], (0, 4)));

    [Fact]
    public async Task Group_left_copies_the_listed_labels_from_the_one_side()
    {
        var samples = await InstantAsync(Engine, "req * on(job) group_left(team) info", 10);

        Assert.Equal(3, samples.Count);
        Assert.All(samples, s => Assert.Equal(s.Labels.Get("job") == "a" ? "x" : "y", s.Labels.Get("team")));
        Assert.All(samples, s => Assert.Null(s.Labels.Get(LabelSet.MetricName)));
    }

    [Fact]
    public async Task Matching_several_series_on_the_one_side_is_refused()
    {
        var error = await Assert.ThrowsAsync<PromQLException>(() => InstantAsync(Engine, "info * on(job) req", 10));

        Assert.Equal(PromQLException.Execution, error.ErrorType);
        Assert.Contains("many-to-many matching not allowed", error.Message);
    }

    [Fact]
    public async Task Dropping_the_name_of_two_series_with_otherwise_equal_labels_is_refused()
    {
        var error = await Assert.ThrowsAsync<PromQLException>(() => InstantAsync(Engine, "-{__name__=~\"req|other\", job=\"a\", code=\"200\"}", 10));

        Assert.Equal("vector cannot contain metrics with the same labelset", error.Message);
    }

    [Fact]
    public async Task Set_operators_match_on_labels_without_the_name()
    {
        Assert.Single(await InstantAsync(Engine, "req and other", 10));
        Assert.Equal(2, (await InstantAsync(Engine, "req unless other", 10)).Count);
        Assert.Equal(3, (await InstantAsync(Engine, "req or other", 10)).Count);
        Assert.Equal(3, (await InstantAsync(Engine, "req and on(job) info", 10)).Count);
    }

    [Fact]
    public async Task Topk_keeps_the_series_labels_and_count_values_labels_by_value()
    {
        var top = await InstantAsync(Engine, "topk(1, req) by (job)", 10);
        var counted = await InstantAsync(Engine, "count_values(\"v\", info)", 10);

        Assert.Equal(new[] { "200", "200" }, top.Select(s => s.Labels.Get("code") ?? "").ToArray());
        Assert.All(top, s => Assert.Equal("req", s.Labels.Get(LabelSet.MetricName)));
        Assert.Equal(("1", 2.0), (Assert.Single(counted).Labels.Get("v"), counted[0].Value));
    }

    [Fact]
    public async Task Aggregations_group_by_and_without()
    {
        Assert.Equal(12, await SingleAsync(Engine, "sum by (job) (req{job=\"a\"})", 10));
        Assert.Equal(2, (await InstantAsync(Engine, "sum without (code) (req)", 10)).Count);
        Assert.Equal(Math.Sqrt(((10 - 6.0) * (10 - 6) + (2 - 6.0) * (2 - 6) + 0) / 3), await SingleAsync(Engine, "stddev(req)", 10), 9);
        Assert.Equal(6, await SingleAsync(Engine, "quantile(0.5, req)", 10));
    }
}
