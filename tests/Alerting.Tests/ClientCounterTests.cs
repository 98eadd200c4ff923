using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Client;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests;

/// <summary>The client library's Count() sends increments, so what it records must say so (issue 15 item 1).</summary>
public sealed class ClientCounterTests
{
    [Fact]
    public async Task Count_called_600_times_in_a_minute_is_a_delta_counter_with_a_rate_of_10_per_second()
    {
        var clock = new SteppingClock(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(100));
        var options = Options.Create(new PerfMonitorClientOptions { ServiceName = "shop", Endpoint = new Uri("http://127.0.0.1:9") });
        var buffer = new SampleBuffer(options);
        var recorder = new PerfMonitorRecorder(buffer, options, clock);

        for (var i = 0; i < 600; i++)
        {
            recorder.Count("orders_placed");
        }
        buffer.Complete();
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        var samples = new List<Sample>();
        await foreach (var sample in buffer.Reader.ReadAllAsync())
        {
            samples.Add(sample);
            window.Add(sample.TimestampUnixMs, sample.Value, seriesId: 1, inNumerator: false, sample.Temporality);
        }

        Assert.Equal(600, samples.Count);
        Assert.All(samples, s => Assert.Equal(Temporality.Delta, s.Temporality));
        Assert.Equal(10, window.Aggregate(RuleAggregation.Rate), precision: 9);
    }

    [Fact]
    public async Task Gauges_and_timings_carry_no_temporality()
    {
        var options = Options.Create(new PerfMonitorClientOptions { ServiceName = "shop", Endpoint = new Uri("http://127.0.0.1:9") });
        var buffer = new SampleBuffer(options);
        var recorder = new PerfMonitorRecorder(buffer, options, TimeProvider.System);

        recorder.Gauge("queue_depth", 3);
        using (recorder.Time("checkout"))
        {
        }
        buffer.Complete();

        await foreach (var sample in buffer.Reader.ReadAllAsync())
        {
            Assert.Equal(Temporality.Unspecified, sample.Temporality);
        }
    }

    /// <summary>A clock that moves on by a fixed step each time it is read: one Count() every 100 ms.</summary>
    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow()
        {
            var current = now;
            now += step;
            return current;
        }
    }
}
