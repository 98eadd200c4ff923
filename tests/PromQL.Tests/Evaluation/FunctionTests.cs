using PerfMonitor.PromQL.Evaluation;
using PerfMonitor.PromQL.Evaluation.Functions;
using PerfMonitor.PromQL.Syntax;
using static PerfMonitor.PromQL.Tests.Evaluation.TestData;

namespace PerfMonitor.PromQL.Tests.Evaluation;

public class FunctionTests
{
    [Fact]
    public void Every_function_the_parser_accepts_can_be_evaluated()
    {
        Assert.Equal(FunctionCatalog.All.Select(f => f.Name).Order(), FunctionTable.Names.Order());
    }

    [Theory]
    [InlineData(0.25, 0.25)]
    [InlineData(0.9, 0.9)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.5, double.PositiveInfinity)]
    public void Histogram_quantile_interpolates_inside_the_bucket(double q, double expected)
    {
        // 10 observations up to 0.5, 10 more up to 1, none up to 2.5, and 0 beyond.
        List<(double, double)> buckets = [(0.5, 10), (1, 20), (2.5, 20), (double.PositiveInfinity, 20)];

        Assert.Equal(expected, HistogramQuantile.BucketQuantile(q, buckets), 9);
    }

    [Fact]
    public void Histogram_quantile_needs_an_inf_bucket_and_repairs_decreasing_counts()
    {
        List<(double, double)> noInf = [(1, 5), (2, 10)];
        List<(double, double)> decreasing = [(1, 10), (2, 8), (double.PositiveInfinity, 10)];
        List<(double, double)> rankInInf = [(1, 5), (double.PositiveInfinity, 10)];

        Assert.True(double.IsNaN(HistogramQuantile.BucketQuantile(0.5, noInf)));
        Assert.Equal(0.5, HistogramQuantile.BucketQuantile(0.5, decreasing), 9);
        Assert.Equal(1, HistogramQuantile.BucketQuantile(0.9, rankInInf));
    }

    [Fact]
    public async Task Label_replace_expands_templates_as_Go_does()
    {
        var engine = Engine(Series("x", [("src", "ab-12")], (0, 1)));

        var samples = await InstantAsync(engine, "label_replace(x, \"dst\", \"$1-${2}-$1x-$$\", \"src\", \"(\\\\w+)-(\\\\d+)\")", 10);

        Assert.Equal("ab-12--$", Assert.Single(samples).Labels.Get("dst"));
    }

    [Fact]
    public async Task Absent_labels_the_result_with_the_selector_equalities()
    {
        var engine = Engine(Series("x", (0, 1)));

        var samples = await InstantAsync(engine, "absent(missing{job=\"a\", env=~\"p.*\", dc=\"1\", dc=\"2\"})", 10);

        Assert.Equal("{job=\"a\"}", Assert.Single(samples).Labels.ToString());
        Assert.Empty(await InstantAsync(engine, "absent(x)", 10));
    }

    [Fact]
    public async Task Clamp_round_and_scalar_follow_Prometheus()
    {
        var engine = Engine(Series("x", [("i", "1")], (0, 2.5)), Series("x", [("i", "2")], (0, -1.25)));

        Assert.Empty(await InstantAsync(engine, "clamp(x, 2, 1)", 10));
        var rounded = (await InstantAsync(engine, "round(x)", 10)).Select(s => s.Value).ToArray();
        var halves = (await InstantAsync(engine, "round(x, 0.5)", 10)).Select(s => s.Value).ToArray();
        Assert.Equal(new[] { 3.0, -1.0 }, rounded);
        Assert.Equal(new[] { 2.5, -1.0 }, halves);
        var result = await engine.InstantQueryAsync("scalar(x)", 10_000, CancellationToken.None);
        Assert.True(double.IsNaN(Assert.IsType<PerfMonitor.PromQL.Results.ScalarResult>(result.Value).Value));
    }
}
