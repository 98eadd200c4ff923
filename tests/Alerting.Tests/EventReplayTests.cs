using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>Events read by a consumer group that rejoins without committed offsets, as a new replica or a renamed group does.</summary>
public sealed class EventReplayTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly ThresholdRules rules = new(host);

    [Fact(Timeout = 120_000)]
    public async Task An_event_partition_without_a_committed_offset_is_read_back_only_as_far_as_the_rule_windows_reach()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var service = $"svc-{Guid.NewGuid():N}"[..12];
        await rules.CreateAsync(receiver, null, new() { ["service"] = service }, new { kind = "anomaly", minSeverity = "error", window = "1m" });

        // Groups with no committed offsets join while both wait on the topic; the longest rule window is a minute.
        host.ConsumerGroup = $"alerting-{Guid.NewGuid():N}"[..17];
        await host.RestartAsync(async () =>
        {
            await host.ProduceEventAsync("AnomalyDetected", Anomaly(service, 1, 111), DateTimeOffset.UtcNow.AddMinutes(-5));
            await host.ProduceEventAsync("AnomalyDetected", Anomaly(service, 2, 999));
        });
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, ThresholdRules.Patience, "the recent event firing");
        await Task.Delay(1500);

        var alert = Assert.Single(receiver.Accepted);
        Assert.Equal(999, JsonDocument.Parse(alert.Body).RootElement.GetProperty("value").GetDouble());
    }

    private static object Anomaly(string service, long seriesId, double value) =>
        new { seriesId, metric = "latency_ms", labels = new { service }, value, expected = 100, lower = 50, upper = 150, score = 9.3, severity = "critical" };
}
