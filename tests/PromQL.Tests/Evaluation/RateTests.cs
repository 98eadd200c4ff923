using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;
using PerfMonitor.PromQL.Storage.InMemory;
using static PerfMonitor.PromQL.Tests.Evaluation.TestData;

namespace PerfMonitor.PromQL.Tests.Evaluation;

public class RateTests
{
    [Fact]
    public async Task Rate_extrapolates_to_the_window_edges_and_corrects_resets()
    {
        // Samples 10 s, 25 s, 40 s, 55 s into a 60 s window ending at 60 s; the counter resets before 40 s.
        var engine = Engine(Series("c", (10, 100), (25, 115), (40, 5), (55, 20)));

        // Increase 15 + 5 + 15 = 35 over 45 s sampled; 10 s to the start (< 1.1 · 15 s) and 5 s to the end extend it to 60 s.
        Assert.Equal(35.0 * 60 / 45, await SingleAsync(engine, "increase(c[1m])", 60), 9);
        Assert.Equal(35.0 * 60 / 45 / 60, await SingleAsync(engine, "rate(c[1m])", 60), 9);
    }

    [Fact]
    public async Task A_counter_is_not_extrapolated_below_zero()
    {
        var engine = Engine(Series("c", (40, 2), (50, 12), (60, 22)));

        // 20 over 20 s sampled; the start is 40 s away (> 1.1 · 10 s) so half an interval is added, but zero is only 2 s back.
        Assert.Equal(20.0 * (20 + 2 + 0) / 20, await SingleAsync(engine, "increase(c[1m])", 60), 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60_000)]
    public async Task A_delta_counters_increase_is_the_sum_of_its_increments_in_the_window_and_nothing_is_extrapolated(long bucketMs)
    {
        // Increments of 3, 4, 5, 6 at 10, 25, 40, 55 s; the one at 70 s is after the window ending at 60 s.
        var increments = new RawSeries(LabelSet.Of((LabelSet.MetricName, "c")), [10_000, 25_000, 40_000, 55_000, 70_000], [3, 4, 5, 6, 100], CounterTemporality.Delta);
        var engine = new PromQLEngine(new InMemorySeriesSource([increments], [bucketMs]));

        Assert.Equal(18, await SingleAsync(engine, "increase(c[1m])", 60), 9);
        Assert.Equal(18.0 / 60, await SingleAsync(engine, "rate(c[1m])", 60), 9);
        Assert.Equal(6.0 / 15, await SingleAsync(engine, "irate(c[1m])", 60), 9);
    }

    [Fact]
    public async Task Delta_does_not_correct_resets_and_irate_uses_the_last_two_samples()
    {
        var engine = Engine(Series("g", (0, 10), (20, 30), (40, 5), (60, 15)));

        Assert.Equal((15 - 10) * 60.0 / 60, await SingleAsync(engine, "delta(g[1m])", 60), 9);
        Assert.Equal(10.0 / 20, await SingleAsync(engine, "irate(g[1m])", 60), 9);
        Assert.Equal(5.0 / 20, await SingleAsync(engine, "irate(g[1m])", 40), 9);
        Assert.Equal(-25, await SingleAsync(engine, "idelta(g[1m])", 40), 9);
    }

    [Fact]
    public async Task Deriv_is_the_least_squares_slope_and_zero_for_a_constant_series()
    {
        var engine = Engine(
            Series("line", (0, 1), (10, 3), (20, 5), (30, 7)),
            Series("flat", (0, 4), (10, 4), (20, 4)));

        Assert.Equal(0.2, await SingleAsync(engine, "deriv(line[1m])", 30), 9);
        Assert.Equal(0, await SingleAsync(engine, "deriv(flat[1m])", 30));
    }

    [Fact]
    public async Task One_sample_gives_no_rate()
    {
        var engine = Engine(Series("c", (30, 1)));

        Assert.Empty(await InstantAsync(engine, "rate(c[1m])", 60));
        Assert.Equal(1, await SingleAsync(engine, "count_over_time(c[1m])", 60));
    }
}
