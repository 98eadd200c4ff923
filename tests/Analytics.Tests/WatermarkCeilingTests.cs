using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

public sealed class WatermarkCeilingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sample_past_the_ceiling_is_merged_in_its_own_minute_and_counted_but_lifts_the_watermark_only_to_the_ceiling()
    {
        var pending = new MinuteAggregator(TimeSpan.FromMinutes(2));
        var state = new PartitionState();
        var ceiling = WatermarkCeiling.Of(new Timestamp(Now), Now, TimeSpan.FromSeconds(30));

        pending.Add(0, 0, ceiling, Batch(Now.AddMinutes(5), Now.AddSeconds(-10), Now.AddMinutes(-1)), new HashSet<long>(), state);

        Assert.Equal((3L, 0L, 1L), (pending.SampleCount, pending.LateCount, pending.FutureCount));
        Assert.Equal(Now.AddSeconds(30).ToUnixTimeMilliseconds(), state.WatermarkMs);
        Assert.Contains(pending.Cells.Keys, k => k.MinuteMs == Now.AddMinutes(5).ToUnixTimeMilliseconds());
    }

    [Fact]
    public void The_ceiling_is_the_record_time_plus_the_skew_and_never_past_the_consumer_clock()
    {
        var skew = TimeSpan.FromSeconds(30);

        var behind = WatermarkCeiling.Of(new Timestamp(Now.AddMinutes(-10)), Now, skew);
        var fastProducer = WatermarkCeiling.Of(new Timestamp(Now.AddMinutes(10)), Now, skew);
        var unknown = WatermarkCeiling.Of(new Timestamp(0, TimestampType.NotAvailable), Now, skew);

        Assert.Equal(Now.AddMinutes(-10).Add(skew).ToUnixTimeMilliseconds(), behind);
        Assert.Equal(Now.Add(skew).ToUnixTimeMilliseconds(), fastProducer);
        Assert.Equal(Now.Add(skew).ToUnixTimeMilliseconds(), unknown);
    }

    [Theory]
    [InlineData("00:02:00", "00:02:00")]
    [InlineData("00:03:00", "00:02:00")]
    public void A_future_skew_not_below_the_allowed_lateness_is_refused_at_start_naming_both_settings(string skew, string lateness)
    {
        var options = new RollupOptions { MaxFutureSkew = TimeSpan.Parse(skew), AllowedLateness = TimeSpan.Parse(lateness) };

        var result = new DataAnnotationValidateOptions<RollupOptions>(null).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Rollups:MaxFutureSkew", result.FailureMessage);
        Assert.Contains("Rollups:AllowedLateness", result.FailureMessage);
    }

    [Fact]
    public void The_default_future_skew_is_below_the_default_lateness()
    {
        Assert.True(new DataAnnotationValidateOptions<RollupOptions>(null).Validate(null, new RollupOptions()).Succeeded);
    }

    private static SampleBatch Batch(params DateTimeOffset[] times)
    {
        var batch = new SampleBatch();
        foreach (var time in times)
        {
            var sample = new Sample { Metric = "skew_metric", Value = 1, TimestampUnixMs = time.ToUnixTimeMilliseconds(), Kind = MetricKind.Gauge };
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
            batch.Samples.Add(sample);
        }
        return batch;
    }
}
