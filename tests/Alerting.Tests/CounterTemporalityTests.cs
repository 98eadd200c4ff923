using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// Aggregation rate over both kinds of counter: delta samples are increments (OpenTelemetry delta sums, the client
/// library's Count()), cumulative ones running totals that may reset (Prometheus, cumulative OTLP).
/// </summary>
public sealed class CounterTemporalityTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private const int Increments = 600;
    private const long StepMs = 100;

    [Theory]
    [InlineData(Temporality.Delta)]
    [InlineData(Temporality.Cumulative)]
    [InlineData(Temporality.Unspecified)]
    public void A_counter_incremented_600_times_in_a_minute_has_a_rate_of_10_per_second(Temporality temporality)
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        foreach (var (timestampMs, value) in Counter(temporality, resetAt: null))
        {
            window.Add(timestampMs, value, seriesId: 1, inNumerator: false, temporality);
        }

        Assert.Equal(10, window.Aggregate(RuleAggregation.Rate), precision: 9);
    }

    [Fact]
    public void A_cumulative_counter_that_resets_keeps_counting_from_zero()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        foreach (var (timestampMs, value) in Counter(Temporality.Cumulative, resetAt: 250))
        {
            window.Add(timestampMs, value, seriesId: 1, inNumerator: false, Temporality.Cumulative);
        }

        Assert.Equal(10, window.Aggregate(RuleAggregation.Rate), precision: 9);
    }

    [Fact]
    public void A_grouped_rate_adds_a_delta_counter_and_a_cumulative_one()
    {
        var window = new SlidingWindow(TimeSpan.FromMinutes(1));
        // Series 1 sends 2 every second (2/s); series 2 a running total rising 3 every second (3/s).
        for (var second = 0; second <= 10; second++)
        {
            window.Add(second * 1_000, 2, seriesId: 1, inNumerator: false, Temporality.Delta);
            window.Add((second * 1_000) + 500, 100 + (3 * second), seriesId: 2, inNumerator: false, Temporality.Cumulative);
        }

        Assert.Equal(5, window.Aggregate(RuleAggregation.Rate), precision: 9);
    }

    [Theory(Timeout = 90_000)]
    [InlineData(Temporality.Delta)]
    [InlineData(Temporality.Cumulative)]
    public async Task A_rate_rule_fires_on_a_counter_of_either_temporality(Temporality temporality)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var labels = new Dictionary<string, string> { ["job"] = $"j-{Guid.NewGuid():N}"[..12] };
        var rule = await host.CreateRuleAsync(new
        {
            name = $"rate {temporality}", kind = "threshold", metric = "requests_total", labels, aggregation = "rate", window = "1m",
            condition = "greater_than", threshold = 5, severity = "warning", webhookUrl = receiver.Url,
        });
        var ruleId = rule.GetProperty("id").GetString();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (Increments * StepMs);

        await host.ProduceSamplesAsync(Counter(temporality, resetAt: null).Select(point =>
        {
            var sample = new Sample { Metric = "requests_total", Value = point.Value, TimestampUnixMs = start + point.TimestampMs, Kind = MetricKind.Counter, Temporality = temporality };
            sample.Labels.Add(labels.Select(l => new Label { Name = l.Key, Value = l.Value }));
            return sample;
        }));
        var alert = await Eventually.GetAsync(
            async () => (await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}"))!,
            alerts => alerts.Count == 1 && alerts[0].GetProperty("state").GetString() == "firing", TimeSpan.FromSeconds(30), "the rate rule firing");

        Assert.Equal(10, alert[0].GetProperty("value").GetDouble(), precision: 6);
    }

    /// <summary>
    /// A counter incremented once every 100 ms for a minute, as <paramref name="temporality"/> sends it: the increments,
    /// or the running total (restarting from zero after increment <paramref name="resetAt"/>).
    /// </summary>
    private static IEnumerable<(long TimestampMs, double Value)> Counter(Temporality temporality, int? resetAt)
    {
        double total = 0;
        for (var i = 1; i <= Increments; i++)
        {
            total = i == resetAt + 1 ? 1 : total + 1;
            yield return (i * StepMs, temporality == Temporality.Delta ? 1 : total);
        }
    }
}
