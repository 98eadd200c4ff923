using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Escalation;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// Two replicas make an escalation once. A class of its own, beside <see cref="EscalationTests"/> and
/// <see cref="EscalationRestartTests"/>: the second replica takes most of its time, and classes run at once.
/// </summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class EscalationReplicaTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 180_000)]
    public async Task Two_replicas_escalate_an_alert_once()
    {
        await using var tree = await EscalatingTree.PutAsync(host, "2s");
        var (_, manager, labels) = tree;
        // The rule first: the replica reads the rules when it starts, and the sample may land on one of its partitions.
        var ruleId = await host.RoutedRuleAsync("EscalateReplicas", "escalate_replicas_probe", labels, "critical");
        await using var replica = await host.StartReplicaAsync();
        await host.ProduceAsync("escalate_replicas_probe", labels, 97);
        await FiringAlerts.WaitAsync(host, ruleId);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Both replicas' rounds at once, besides their dispatchers' own rounds every 200 ms.
        var now = DateTimeOffset.UtcNow;
        var written = await Task.WhenAll(
            host.App.Services.GetRequiredService<EscalationRound>().RunAsync(now, CancellationToken.None),
            replica.App.Services.GetRequiredService<EscalationRound>().RunAsync(now, CancellationToken.None));
        await Eventually.GetAsync(() => Task.FromResult(manager.Accepted.Count), count => count >= 1, FiringAlerts.Patience, "the escalation");
        await Task.Delay(EscalatingTree.Settle);

        Assert.InRange(written.Sum(), 0, 1);
        Assert.Single(manager.Accepted);
    }
}
