using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

public sealed class RatioWindowTests
{
    [Fact]
    public void The_ratio_is_the_numerators_share_in_percent_of_the_samples_inside_the_window()
    {
        var window = new RatioWindow(TimeSpan.FromSeconds(60));
        var empty = window.Aggregate(RuleAggregation.Ratio);
        window.Add(0, 12, 1, inNumerator: true);
        window.Add(1_000, 12, 1, inNumerator: false);
        window.Add(30_000, 12, 1, inNumerator: false);
        window.Add(30_500, 12, 1, inNumerator: true);
        var full = window.Aggregate(RuleAggregation.Ratio);

        window.Add(61_500, 12, 1, inNumerator: false);

        Assert.True(double.IsNaN(empty));
        Assert.Equal(50, full);
        Assert.Equal(25, window.Aggregate(RuleAggregation.Ratio));
    }

    [Fact]
    public void A_late_sample_counts_in_the_newest_second_and_leaves_with_it()
    {
        var window = new RatioWindow(TimeSpan.FromSeconds(10));
        window.Add(20_000, 1, 1, inNumerator: false);
        window.Add(5_000, 1, 1, inNumerator: true);

        window.Add(30_000, 1, 1, inNumerator: false);
        var withLateSample = window.Aggregate(RuleAggregation.Ratio);
        window.Add(31_000, 1, 1, inNumerator: false);

        Assert.Equal(100.0 / 3, withLateSample, precision: 9);
        Assert.Equal(0, window.Aggregate(RuleAggregation.Ratio));
    }

    [Fact]
    public void Adding_samples_allocates_nothing_once_the_window_is_warm()
    {
        var window = new RatioWindow(TimeSpan.FromSeconds(60));
        for (var ms = 0L; ms < 120_000; ms += 10)
        {
            window.Add(ms, 1, 1, inNumerator: ms % 100 == 0);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var ms = 120_000L; ms < 240_000; ms += 10)
        {
            window.Add(ms, 1, 1, inNumerator: ms % 100 == 0);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10, window.Aggregate(RuleAggregation.Ratio), precision: 9);
    }
}
