using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// Grouped and ratio rules with two alerting replicas in one consumer group. Samples are partitioned by series, so each
/// replica reads part of a group; the group's value must still be the whole group's.
/// </summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class GroupedRuleReplicaTests(GroupedRuleReplicaTests.Host host) : IClassFixture<GroupedRuleReplicaTests.Host>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public sealed class Host : AlertingHost;

    [Fact(Timeout = 240_000)]
    public async Task A_grouped_sum_and_a_ratio_are_the_whole_group_s_when_two_replicas_each_read_part_of_it()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = $"r{Guid.NewGuid():N}"[..10];
        var rules = new ThresholdRules(host);
        // Eight series of one service, one on each partition: 80 in all; a replica holding half the partitions reads 40.
        var sumRule = await rules.CreateAsync(receiver, $"queue_{run}", [], new { aggregation = "sum", groupBy = new[] { "service" }, threshold = 75, @for = "2s" });
        // 8 errors on partition 0 and 84 successes on partitions 1-7: 8.7 % of the service's requests. A replica holding
        // partition 0 and not all the others reads at least 10 %; one without it reads 0 %.
        var ratio = new { aggregation = "ratio", groupBy = new[] { "service" }, numerator = new[] { new { name = "status", op = "=~", value = "5.." } }, @for = "2s" };
        var wholeRatioRule = await rules.CreateAsync(receiver, $"requests_{run}", [], new { ratio.aggregation, ratio.groupBy, ratio.numerator, ratio.@for, threshold = 5 });
        var partialRatioRule = await rules.CreateAsync(receiver, $"requests_{run}", [], new { ratio.aggregation, ratio.groupBy, ratio.numerator, ratio.@for, threshold = 9.5 });
        var probeRule = await rules.CreateAsync(receiver, $"probe_{run}", [], new { threshold = 1e12 });
        await using var second = await host.StartReplicaAsync();
        using var samples = new SamplePartitions(host.KafkaBootstrapServers);
        var rounds = await samples.ProbeSplitAsync(Engine(host.App), Engine(second.App), $"probe_{run}", 2 * Patience);
        Assert.True(SamplePartitions.IsSplit(rounds[^1]), $"the two replicas never shared the partitions: {rounds.Count} rounds, {string.Join(", ", rounds.Distinct())}");

        for (var partition = 0; partition < KafkaFixture.Partitions; partition++)
        {
            var labels = new Dictionary<string, string> { ["service"] = "checkout", ["instance"] = $"i{partition}" };
            await samples.ProduceAsync(partition, $"queue_{run}", labels, [10]);
            var status = partition == 0 ? "503" : "200";
            await samples.ProduceAsync(partition, $"requests_{run}", new Dictionary<string, string>(labels) { ["status"] = status }, [.. Enumerable.Repeat(12.0, partition == 0 ? 8 : 12)]);
        }
        var fired = await Eventually.GetAsync(() => Task.FromResult(Bodies(receiver)), b => b.Count >= 2, Patience, "the sum and the whole-group ratio firing");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var all = Bodies(receiver);

        Assert.Equal(80, Assert.Single(all, b => b.GetProperty("ruleId").GetString() == sumRule).GetProperty("value").GetDouble(), precision: 6);
        Assert.Equal(100.0 * 8 / 92, Assert.Single(all, b => b.GetProperty("ruleId").GetString() == wholeRatioRule).GetProperty("value").GetDouble(), precision: 6);
        Assert.DoesNotContain(all, b => b.GetProperty("ruleId").GetString() == partialRatioRule);
        Assert.DoesNotContain(all, b => b.GetProperty("ruleId").GetString() == probeRule);
        Assert.All(fired, b => Assert.Equal("checkout", b.GetProperty("labels").GetProperty("service").GetString()));
    }

    private static AlertEngine Engine(WebApplication app) => app.Services.GetRequiredService<AlertEngine>();

    private static List<JsonElement> Bodies(TestReceiver receiver) => [.. receiver.Accepted.Select(r => JsonDocument.Parse(r.Body).RootElement)];
}
