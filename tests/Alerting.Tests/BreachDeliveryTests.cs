using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// Breaches one after another, each on a new series of one rule, from Kafka to the webhook. How soon they arrive is the
/// alert-latency benchmark's to measure (bench/LoadGen, AlertProbe); this checks what arrives.
/// </summary>
public sealed class BreachDeliveryTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private const int Breaches = 20;

    [Fact(Timeout = 300_000)]
    public async Task Each_breach_reaches_the_webhook_once_as_firing_in_the_order_its_sample_entered_kafka()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var tag = $"seq-{Guid.NewGuid():N}"[..12];
        await host.CreateRuleAsync(new
        {
            name = "breach sequence", metric = "breach_probe", labels = new Dictionary<string, string> { ["run"] = tag },
            aggregation = "max", window = "1m", condition = "greater_than", threshold = 90, webhookUrl = receiver.Url,
        });

        for (var i = 0; i < Breaches; i++)
        {
            await host.ProduceAsync("breach_probe", new Dictionary<string, string> { ["run"] = tag, ["series"] = $"s{i}" }, 95);
            await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), count => count > i, ThresholdRules.Patience, $"breach {i}");
        }
        // A second delivery of any of them (a retry, a repeat) would arrive in this pause.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var delivered = receiver.Accepted.Select(a => $"{a.Event} {JsonDocument.Parse(a.Body).RootElement.GetProperty("labels").GetProperty("series").GetString()}");
        Assert.Equal(Enumerable.Range(0, Breaches).Select(i => $"firing s{i}"), delivered);
    }
}
