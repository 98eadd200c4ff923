using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// An escalation that came due while alerting was down is made once after the restart. A class of its own, beside
/// <see cref="EscalationTests"/> and <see cref="EscalationReplicaTests"/>: two restarts take most of its time, and
/// classes run at once.
/// </summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class EscalationRestartTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 180_000)]
    public async Task An_escalation_that_came_due_while_alerting_was_down_is_made_once_after_the_restart()
    {
        await using var tree = await EscalatingTree.PutAsync(host, "2s");
        var (_, manager, labels) = tree;
        var ruleId = await host.RoutedRuleAsync("EscalateRestart", "escalate_restart_probe", labels, "critical");
        await host.ProduceAsync("escalate_restart_probe", labels, 97);
        await FiringAlerts.WaitAsync(host, ruleId);

        await host.RestartAsync(() => Task.Delay(TimeSpan.FromSeconds(3)));
        await Eventually.GetAsync(() => Task.FromResult(manager.Accepted.Count), count => count >= 1, FiringAlerts.Patience, "the escalation after the restart");
        await host.RestartAsync();
        await Task.Delay(EscalatingTree.Settle);

        Assert.Single(manager.Accepted);
    }
}
