using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Escalation;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// escalate_after and escalate_to: an unacknowledged critical alert goes to the next receiver once per firing, after the
/// time, across a restart and with two replicas; an acknowledged one does not; the settings are checked by field.
/// </summary>
public sealed class EscalationTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    /// <summary>Long enough after an escalation for a second one (every 200 ms round) to have shown up.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    [Fact(Timeout = 120_000)]
    public async Task An_unacknowledged_critical_alert_escalates_once_after_escalate_after()
    {
        var (oncall, manager, labels) = await EscalatingTreeAsync("3s");
        var ruleId = await host.RoutedRuleAsync("EscalateOnce", "escalate_once_probe", labels, "critical");
        await host.ProduceAsync("escalate_once_probe", labels, 97);
        var firedAt = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("firedAt").GetDateTimeOffset();

        var escalated = await Eventually.GetAsync(() => Task.FromResult(manager.Accepted.ToList()), r => r.Count >= 1, FiringAlerts.Patience, "the escalation");
        await Task.Delay(Settle);

        Assert.True(escalated[0].At >= firedAt.AddSeconds(3), $"escalated at {escalated[0].At:O}, fired at {firedAt:O}");
        Assert.Single(manager.Accepted);
        var body = JsonDocument.Parse(escalated[0].Body).RootElement;
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("EscalateOnce", Assert.Single(body.GetProperty("alerts").EnumerateArray()).GetProperty("labels").GetProperty("alertname").GetString());
        Assert.NotEmpty(oncall.Accepted);
        await StopAsync(oncall, manager);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_alert_acknowledged_before_escalate_after_does_not_escalate()
    {
        var (oncall, manager, labels) = await EscalatingTreeAsync("4s");
        var ruleId = await host.RoutedRuleAsync("EscalateAcked", "escalate_acked_probe", labels, "critical");
        await host.ProduceAsync("escalate_acked_probe", labels, 97);
        var id = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("id").GetString()!;

        (await FiringAlerts.AcknowledgeAsync(host, id, new { by = "alice" })).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(4) + Settle);

        Assert.Empty(manager.Accepted);
        Assert.NotEmpty(oncall.Accepted);
        await StopAsync(oncall, manager);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_escalation_that_came_due_while_alerting_was_down_is_made_once_after_the_restart()
    {
        var (oncall, manager, labels) = await EscalatingTreeAsync("2s");
        var ruleId = await host.RoutedRuleAsync("EscalateRestart", "escalate_restart_probe", labels, "critical");
        await host.ProduceAsync("escalate_restart_probe", labels, 97);
        await FiringAlerts.WaitAsync(host, ruleId);

        await host.RestartAsync(() => Task.Delay(TimeSpan.FromSeconds(3)));
        await Eventually.GetAsync(() => Task.FromResult(manager.Accepted.Count), count => count >= 1, FiringAlerts.Patience, "the escalation after the restart");
        await host.RestartAsync();
        await Task.Delay(Settle);

        Assert.Single(manager.Accepted);
        await StopAsync(oncall, manager);
    }

    [Fact(Timeout = 180_000)]
    public async Task Two_replicas_escalate_an_alert_once()
    {
        var (oncall, manager, labels) = await EscalatingTreeAsync("2s");
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
        await Task.Delay(Settle);

        Assert.InRange(written.Sum(), 0, 1);
        Assert.Single(manager.Accepted);
        await StopAsync(oncall, manager);
    }

    [Fact(Timeout = 60_000)]
    public async Task Escalation_settings_are_checked_by_field_and_shown_by_the_dry_run()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var oncall = await host.WebhookReceiverAsync(receiver);
        var manager = await host.WebhookReceiverAsync(receiver);

        var missing = await PutJsonAsync(new { route = new { receiver = oncall, routes = new[] { new { receiver = oncall, escalate_after = "10m" } } } });
        var unknown = await PutJsonAsync(new { route = new { receiver = oncall, escalate_to = "nobody", escalate_after = "10m" } });
        var itself = await PutJsonAsync(new { route = new { receiver = oncall, escalate_to = oncall, escalate_after = "0s" } });
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {oncall}
              routes:
              - matchers: ['severity="critical"']
                escalate_after: 15m
                escalate_to: {manager}
            """);
        var dryRun = await (await host.Client.PostAsJsonAsync("/api/v1/routing/dry-run", new { labels = new { alertname = "Down", severity = "critical" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var yaml = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/routing") { Headers = { { "Accept", "application/yaml" } } });

        Assert.Equal(["route.routes[0].escalate_to"], await FieldsAsync(missing));
        Assert.Equal(["route.escalate_to"], await FieldsAsync(unknown));
        Assert.Equal(["route.escalate_after", "route.escalate_to"], await FieldsAsync(itself));
        var route = Assert.Single(dryRun.GetProperty("routes").EnumerateArray());
        Assert.Equal(manager, route.GetProperty("escalateTo").GetString());
        Assert.Equal("15m", route.GetProperty("escalateAfter").GetString());
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"escalate_to: {manager}", await yaml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The receiver an escalation goes to is in use: it cannot be deleted from under the tree.
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.DeleteAsync($"/api/v1/receivers/{manager}")).StatusCode);
    }

    private async Task<(TestReceiver OnCall, TestReceiver Manager, Dictionary<string, string> Labels)> EscalatingTreeAsync(string after)
    {
        var oncall = await TestReceiver.StartAsync();
        var manager = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(oncall)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {await host.WebhookReceiverAsync(oncall)}
                group_by: [alertname]
                escalate_after: {after}
                escalate_to: {await host.WebhookReceiverAsync(manager)}
            """);
        return (oncall, manager, new Dictionary<string, string> { ["test"] = test });
    }

    private async Task<HttpResponseMessage> PutJsonAsync(object config) =>
        await host.Client.PutAsync("/api/v1/routing", new StringContent(JsonSerializer.Serialize(config), Encoding.UTF8, "application/json"));

    private static async Task<List<string>> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    private static async Task StopAsync(params TestReceiver[] receivers)
    {
        foreach (var receiver in receivers)
        {
            await receiver.DisposeAsync();
        }
    }
}
