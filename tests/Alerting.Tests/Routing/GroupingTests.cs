using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>
/// Routed alerts grouped per route and group labels, sent as one Alertmanager webhook v4 notification per group. Each test
/// routes its own alerts (label test) to its receiver and everything else, earlier tests' alerts too, to a sink.
/// </summary>
[LongRunning]
public sealed class GroupingTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 90_000)]
    public async Task A_critical_alert_reaches_its_routed_receiver_without_a_group_wait_as_webhook_v4()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        var name = await host.WebhookReceiverAsync(receiver);
        await using var sink = await TestReceiver.StartAsync();
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(sink)}
              group_by: [alertname]
              routes:
              - matchers: ['test="{test}"']
                receiver: {name}
            """);
        await host.RoutedRuleAsync("CriticalRouted", "routed_probe", new() { ["test"] = test }, "critical");

        await host.ProduceAsync("routed_probe", new Dictionary<string, string> { ["test"] = test }, 97);

        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, "the routed notification");
        var body = JsonDocument.Parse(received[0].Body).RootElement;
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal(name, body.GetProperty("receiver").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(test, alert.GetProperty("labels").GetProperty("test").GetString());
        Assert.Equal("CriticalRouted", body.GetProperty("groupLabels").GetProperty("alertname").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Alerts_with_the_same_group_labels_go_out_as_one_notification_and_resolve_as_one()
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
                group_by: [service]
                group_wait: 2s
                group_interval: 1s
            """);
        await host.RoutedRuleAsync("GroupedLatency", "grouped_probe", new() { ["test"] = test, ["service"] = "checkout" }, "warning");

        await host.ProduceSeriesAsync("grouped_probe", [Series(test, "a"), Series(test, "b")], 97);
        var fired = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, "the group's notification");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await host.ProduceSeriesAsync("grouped_probe", [Series(test, "a"), Series(test, "b")], 10);
        var all = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 2, Patience, "the group's resolved notification");

        var first = JsonDocument.Parse(fired[0].Body).RootElement;
        Assert.Equal(["a", "b"], first.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("host").GetString()).Order());
        Assert.Equal("checkout", first.GetProperty("groupLabels").GetProperty("service").GetString());
        var second = JsonDocument.Parse(all[1].Body).RootElement;
        Assert.Equal("resolved", second.GetProperty("status").GetString());
        Assert.Equal(2, second.GetProperty("alerts").EnumerateArray().Count(a => a.GetProperty("status").GetString() == "resolved"));
        Assert.Equal(2, receiver.Accepted.Count);
    }

    [Fact(Timeout = 150_000)]
    public async Task A_group_still_waiting_when_alerting_restarts_is_sent_once_after_the_restart()
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
                group_wait: 5s
            """);
        var ruleId = await host.RoutedRuleAsync("WaitsAcrossRestart", "restart_probe", new() { ["test"] = test }, "warning");
        await host.ProduceAsync("restart_probe", new Dictionary<string, string> { ["test"] = test }, 97);
        await Eventually.GetAsync(() => host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing"), a => a!.Count == 1, Patience, "the alert firing");

        await host.RestartAsync();

        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, "the group sent after the restart");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(receiver.Accepted);
        Assert.Single(JsonDocument.Parse(received[0].Body).RootElement.GetProperty("alerts").EnumerateArray());
    }

    [Fact(Timeout = 120_000)]
    public async Task An_inhibited_alert_is_not_sent_and_the_alert_view_shows_what_inhibits_it()
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
                group_by: [alertname]
            inhibit_rules:
            - source_matchers: [alertname="ServiceDown"]
              target_matchers: [alertname="HighLatency"]
              equal: [service]
            """);
        var labels = new Dictionary<string, string> { ["test"] = test, ["service"] = "cart" };
        await host.RoutedRuleAsync("ServiceDown", "down_probe", labels, "critical");
        var latencyRule = await host.RoutedRuleAsync("HighLatency", "latency_probe", labels, "critical");
        await host.ProduceAsync("down_probe", labels, 97);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, "the ServiceDown notification");

        await host.ProduceAsync("latency_probe", labels, 97);

        var view = await Eventually.GetAsync(
            async () => (await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={latencyRule}"))!.SingleOrDefault(),
            a => a.ValueKind == JsonValueKind.Object && a.GetProperty("inhibitedBy").ValueKind == JsonValueKind.String, Patience, "the latency alert marked inhibited");
        Assert.StartsWith("ServiceDown (", view.GetProperty("inhibitedBy").GetString(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(receiver.Accepted, r => r.Body.Contains("HighLatency", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Series(string test, string host) => new() { ["test"] = test, ["service"] = "checkout", ["host"] = host };
}
