using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>
/// A routed receiver that is down for a while (20 s here, not the 10 minutes: the outbox's backoff is capped at
/// 1 s in tests, so the length of the outage changes only how many attempts fail): the group's notifications wait in the
/// outbox and arrive in order, each once, when it is back.
/// </summary>
public sealed class ReceiverOutageTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 150_000)]
    public async Task Grouped_alerts_wait_for_a_receiver_that_is_down_and_arrive_once_each_in_order()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var sink = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        var name = await host.WebhookReceiverAsync(receiver);
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {name}
                group_by: [test]
                group_interval: 1s
            """);
        await host.RoutedRuleAsync("OutageProbe", "outage_probe", new() { ["test"] = test }, "critical");
        receiver.Status = 503;
        var down = DateTimeOffset.UtcNow;

        await host.ProduceAsync("outage_probe", new Dictionary<string, string> { ["test"] = test, ["host"] = "first" }, 97);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Requests.Count), n => n >= 1, TimeSpan.FromSeconds(30), "the first attempt");
        await host.ProduceAsync("outage_probe", new Dictionary<string, string> { ["test"] = test, ["host"] = "second" }, 97);
        await Task.Delay(Outage - (DateTimeOffset.UtcNow - down));
        receiver.Status = 200;

        var accepted = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), a => a.Count >= 2, TimeSpan.FromSeconds(60), "both notifications after the outage");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.True(receiver.Requests.Count > 2, "the receiver refused attempts while it was down");
        Assert.Equal(2, receiver.Accepted.Count);
        Assert.Equal(2, receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal(["first"], Hosts(accepted[0]));
        Assert.Equal(["first", "second"], Hosts(accepted[1]));
    }

    private static IEnumerable<string?> Hosts(TestReceiver.Received received) =>
        JsonDocument.Parse(received.Body).RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("host").GetString()).Order();
}
