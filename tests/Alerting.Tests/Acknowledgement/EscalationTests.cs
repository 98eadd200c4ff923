using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// escalate_after and escalate_to: an unacknowledged critical alert goes to the next receiver once per firing, after the
/// time; an acknowledged one does not; the settings are checked by field. Across a restart and with two replicas:
/// <see cref="EscalationReplicaTests"/>.
/// </summary>
[LongRunning]
public sealed class EscalationTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 120_000)]
    public async Task An_unacknowledged_critical_alert_escalates_once_after_escalate_after()
    {
        await using var tree = await EscalatingTree.PutAsync(host, "3s");
        var (oncall, manager, labels) = tree;
        var ruleId = await host.RoutedRuleAsync("EscalateOnce", "escalate_once_probe", labels, "critical");
        await host.ProduceAsync("escalate_once_probe", labels, 97);
        var firedAt = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("firedAt").GetDateTimeOffset();

        var escalated = await Eventually.GetAsync(() => Task.FromResult(manager.Accepted.ToList()), r => r.Count >= 1, FiringAlerts.Patience, "the escalation");
        await Task.Delay(EscalatingTree.Settle);

        Assert.True(escalated[0].At >= firedAt.AddSeconds(3), $"escalated at {escalated[0].At:O}, fired at {firedAt:O}");
        Assert.Single(manager.Accepted);
        var body = JsonDocument.Parse(escalated[0].Body).RootElement;
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("EscalateOnce", Assert.Single(body.GetProperty("alerts").EnumerateArray()).GetProperty("labels").GetProperty("alertname").GetString());
        Assert.NotEmpty(oncall.Accepted);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_alert_acknowledged_before_escalate_after_does_not_escalate()
    {
        await using var tree = await EscalatingTree.PutAsync(host, "4s");
        var (oncall, manager, labels) = tree;
        var ruleId = await host.RoutedRuleAsync("EscalateAcked", "escalate_acked_probe", labels, "critical");
        await host.ProduceAsync("escalate_acked_probe", labels, 97);
        var id = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("id").GetString()!;

        (await FiringAlerts.AcknowledgeAsync(host, id, new { by = "alice" })).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(4) + EscalatingTree.Settle);

        Assert.Empty(manager.Accepted);
        Assert.NotEmpty(oncall.Accepted);
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

    private async Task<HttpResponseMessage> PutJsonAsync(object config) =>
        await host.Client.PutAsync("/api/v1/routing", new StringContent(JsonSerializer.Serialize(config), Encoding.UTF8, "application/json"));

    private static async Task<List<string>> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }
}
