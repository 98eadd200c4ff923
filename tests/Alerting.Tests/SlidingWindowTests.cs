using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

public sealed class SlidingWindowTests
{
    [Fact]
    public void A_grouped_rate_is_the_sum_of_the_rates_of_its_counters()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        // Counter 1 rises 10/s; counter 2 rises 5, resets and reaches 2 over 2 s: 3.5/s. Their samples interleave.
        window.Add(0, 0, seriesId: 1, inNumerator: false);
        window.Add(500, 100, seriesId: 2, inNumerator: false);
        window.Add(1_000, 10, seriesId: 1, inNumerator: false);
        window.Add(1_500, 105, seriesId: 2, inNumerator: false);
        window.Add(2_000, 20, seriesId: 1, inNumerator: false);
        window.Add(2_500, 2, seriesId: 2, inNumerator: false);

        Assert.Equal(13.5, window.Aggregate(RuleAggregation.Rate), precision: 9);
    }

    [Fact]
    public void Grouped_percentiles_and_averages_pool_the_samples_of_every_series()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 90; i++)
        {
            window.Add(i, 10, seriesId: 1, inNumerator: false);
        }
        for (var i = 0; i < 10; i++)
        {
            window.Add(100 + i, 1_000, seriesId: 2, inNumerator: false);
        }

        Assert.Equal(10, window.Aggregate(RuleAggregation.P50));
        Assert.Equal(1_000, window.Aggregate(RuleAggregation.P95));
        Assert.Equal(109, window.Aggregate(RuleAggregation.Avg));
    }
}
