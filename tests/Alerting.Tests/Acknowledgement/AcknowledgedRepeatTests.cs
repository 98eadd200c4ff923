using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>An acknowledged alert gets no reminders (repeat_interval) until it resolves or fires again: routed and with a webhook of its own.</summary>
[LongRunning]
public sealed class AcknowledgedRepeatTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    /// <summary>Longer than a reminder interval of 1 s plus a delivery: what was on its way when the acknowledgement came has arrived.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    [Fact(Timeout = 120_000)]
    public async Task An_acknowledged_routed_alert_gets_no_reminders_and_its_resolution_is_still_sent()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        var name = await host.WebhookReceiverAsync(receiver);
        await using var sink = await TestReceiver.StartAsync();
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {name}
                group_by: [test]
                group_wait: 0s
                group_interval: 1s
                repeat_interval: 1s
            """);
        var labels = new Dictionary<string, string> { ["test"] = test };
        var ruleId = await host.RoutedRuleAsync("AckRepeatRouted", "ack_repeat_routed_probe", labels, "warning");
        await host.ProduceAsync("ack_repeat_routed_probe", labels, 97);
        // Reminders come every second while nobody acknowledges.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), count => count >= 3, FiringAlerts.Patience, "reminders of the firing alert");
        var id = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("id").GetString()!;

        (await FiringAlerts.AcknowledgeAsync(host, id, new { by = "alice" })).EnsureSuccessStatusCode();
        await Task.Delay(Settle);
        var acknowledged = receiver.Accepted.Count;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var quiet = receiver.Accepted.Count;
        await host.ProduceAsync("ack_repeat_routed_probe", labels, 10);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Any(n => n.Body.Contains("\"status\":\"resolved\"", StringComparison.Ordinal)),
            FiringAlerts.Patience, "the resolved notification");

        Assert.Equal(acknowledged, quiet);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_acknowledged_alert_of_a_rule_with_its_own_webhook_gets_no_reminders()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var labels = new Dictionary<string, string> { ["test"] = Guid.NewGuid().ToString("N") };
        var ruleId = await new ThresholdRules(host).CreateAsync(receiver, "ack_repeat_webhook_probe", labels, new { window = "1s", repeatInterval = "1s" });
        await host.ProduceAsync("ack_repeat_webhook_probe", labels, 97);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), count => count >= 3, FiringAlerts.Patience, "reminders of the firing alert");
        var id = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("id").GetString()!;

        (await FiringAlerts.AcknowledgeAsync(host, id, new { by = "alice" })).EnsureSuccessStatusCode();
        await Task.Delay(Settle);
        var acknowledged = receiver.Accepted.Count;
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(acknowledged, receiver.Accepted.Count);
    }
}
