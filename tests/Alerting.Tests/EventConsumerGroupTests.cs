using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// Samples and events with two alerting replicas on one broker. Read in one consumer group, the assignor balanced
/// partition counts, not topics: one replica took every sample partition and the other every event partition, so one
/// replica evaluated every sample.
/// </summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class EventConsumerGroupTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private static readonly TimeSpan SplitPatience = TimeSpan.FromSeconds(90);

    private readonly ThresholdRules rules = new(host);

    [Fact(Timeout = 240_000)]
    public async Task Two_replicas_each_evaluate_part_of_the_sample_partitions()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var probe = $"probe_{Guid.NewGuid():N}"[..14];
        await rules.CreateAsync(receiver, probe, [], new { threshold = 1e12 });
        await using var second = await host.StartReplicaAsync();
        using var samples = new SamplePartitions(host.KafkaBootstrapServers);

        var rounds = await samples.ProbeSplitAsync(Engine(host.App), Engine(second.App), probe, SplitPatience);

        Assert.True(SamplePartitions.IsSplit(rounds[^1]), $"probes read by this replica/the other in {rounds.Count} rounds: {string.Join(", ", rounds.Distinct())}");
    }

    [Fact(Timeout = 240_000)]
    public async Task An_anomaly_event_is_evaluated_once_by_two_replicas()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var service = $"svc-{Guid.NewGuid():N}"[..12];
        var ruleId = await rules.CreateAsync(receiver, null, new() { ["service"] = service }, new { kind = "anomaly", minSeverity = "error", window = "5m" });
        var probe = $"probe_{Guid.NewGuid():N}"[..14];
        await rules.CreateAsync(receiver, probe, [], new { threshold = 1e12 });
        await using var second = await host.StartReplicaAsync();
        using var samples = new SamplePartitions(host.KafkaBootstrapServers);
        // Both replicas evaluating: the groups have settled, so no partition changes owner while the event is read.
        var rounds = await samples.ProbeSplitAsync(Engine(host.App), Engine(second.App), probe, SplitPatience);
        Assert.True(SamplePartitions.IsSplit(rounds[^1]), $"the two replicas never shared the partitions: {rounds.Count} rounds, {string.Join(", ", rounds.Distinct())}");
        const long seriesId = 4242;

        await host.ProduceEventAsync("AnomalyDetected", new { seriesId, metric = "latency_ms", labels = new { service }, value = 990, expected = 100, lower = 50, upper = 150, score = 9.3, severity = "critical" });
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, ThresholdRules.Patience, "the anomaly alert");
        await Task.Delay(1500);
        // The replica that evaluated the event made its alert instance.
        var holders = 0;
        foreach (var app in new[] { host.App, second.App })
        {
            holders += await HeldInstances.HoldsAsync(app, Guid.Parse(ruleId), seriesId) ? 1 : 0;
        }

        Assert.Single(receiver.Accepted);
        Assert.Single(await host.NotificationsAsync(ruleId));
        Assert.Single((await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}"))!);
        Assert.Equal(1, holders);
    }

    private static AlertEngine Engine(WebApplication app) => app.Services.GetRequiredService<AlertEngine>();
}
