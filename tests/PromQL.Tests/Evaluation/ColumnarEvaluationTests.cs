using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Storage.InMemory;
using PerfMonitor.PromQL.Tests.Conformance;

namespace PerfMonitor.PromQL.Tests.Evaluation;

/// <summary>
/// A range query evaluates selectors, range functions and simple aggregations column by column; an instant query
/// evaluates every node step by step. At every step of the range both must give the same answer.
/// </summary>
public class ColumnarEvaluationTests
{
    private const long Minute = 60_000;

    private static readonly List<RawSeries> Data = ConformanceDataset.Build(0, 150 * Minute);

    [Theory]
    [InlineData("sum by (job) (rate(http_requests_total[5m]))")]
    [InlineData("avg without (code) (increase(http_requests_total[3m]))")]
    [InlineData("stddev(node_temperature_celsius)")]
    [InlineData("stdvar by (zone) (avg_over_time(node_temperature_celsius[10m]))")]
    [InlineData("max(max_over_time(gappy_gauge[5m])) - min(min_over_time(gappy_gauge[5m]))")]
    [InlineData("count by (instance) (last_over_time({__name__=~\"node_.*\"}[2m]))")]
    [InlineData("group by (job) (http_requests_total)")]
    [InlineData("quantile_over_time(0.25, late_gauge[7m])")]
    [InlineData("sum(irate(http_requests_total[2m] offset 5m))")]
    [InlineData("deriv(node_free_bytes[10m] @ 3600)")]
    [InlineData("(sum by (job) (rate(http_requests_total{code=\"500\"}[5m])))")]
    public async Task A_range_query_answers_at_each_step_as_the_instant_query_at_that_time(string query)
    {
        var engine = new PromQLEngine(new InMemorySeriesSource(Data, [0, Minute]));
        var (start, end, step) = (20 * Minute, 140 * Minute, Minute);

        var range = (MatrixResult)(await engine.RangeQueryAsync(query, start, end, step, CancellationToken.None)).Value;

        var compared = 0;
        for (var time = start; time <= end; time += step)
        {
            var instant = await engine.InstantQueryAsync(query, time, CancellationToken.None);
            var expected = ((VectorResult)instant.Value).Samples.ToDictionary(s => s.Labels, s => s.Value);
            var actual = range.Series.Where(s => Array.IndexOf(s.TimesMs, time) >= 0).ToDictionary(s => s.Labels, s => s.Values[Array.IndexOf(s.TimesMs, time)]);
            Assert.Equal(expected.Keys.Select(k => k.ToString()).Order(), actual.Keys.Select(k => k.ToString()).Order());
            foreach (var (labels, value) in expected)
            {
                Assert.True(ResultComparer.Close(value, actual[labels], 1e-12), $"{labels} @{time}: {actual[labels]} vs {value}");
                compared++;
            }
        }
        Assert.True(compared > 50, $"only {compared} values compared");
    }

    [Fact]
    public async Task Series_that_lose_their_name_and_collide_are_still_refused()
    {
        var engine = new PromQLEngine(new InMemorySeriesSource(
        [
            new RawSeries(LabelSet.Of((LabelSet.MetricName, "a"), ("x", "1")), [10_000, 70_000], [1, 2]),
            new RawSeries(LabelSet.Of((LabelSet.MetricName, "b"), ("x", "1")), [10_000, 70_000], [1, 2]),
        ], [0]));

        var refused = await Assert.ThrowsAsync<PromQLException>(() => engine.RangeQueryAsync("rate({x=\"1\"}[2m])", 60_000, 120_000, 60_000, CancellationToken.None));

        Assert.Equal("vector cannot contain metrics with the same labelset", refused.Message);
    }
}
