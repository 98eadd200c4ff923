using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>Acknowledging a firing alert over REST and gRPC: who, when and why kept and shown; bad requests named.</summary>
public sealed class AcknowledgeApiTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 90_000)]
    public async Task An_alert_acknowledged_over_rest_shows_who_when_and_why_in_the_alert_view()
    {
        var labels = new Dictionary<string, string> { ["test"] = Guid.NewGuid().ToString("N") };
        var ruleId = await host.RoutedRuleAsync("AckRest", "ack_rest_probe", labels, "critical");
        await host.ProduceAsync("ack_rest_probe", labels, 97);
        var alert = await FiringAlerts.WaitAsync(host, ruleId);
        var id = alert.GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("acknowledgedBy").ValueKind);

        var response = await FiringAlerts.AcknowledgeAsync(host, id, new { by = "alice", comment = "looking into it" });
        var again = await FiringAlerts.AcknowledgeAsync(host, id, new { by = "bob" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var view = await FiringAlerts.GetAsync(host, ruleId);
        Assert.Equal(id, view.GetProperty("id").GetString());
        // The first acknowledgement of a firing stands.
        Assert.Equal("alice", view.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("looking into it", view.GetProperty("acknowledgeComment").GetString());
        Assert.InRange(view.GetProperty("acknowledgedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact(Timeout = 60_000)]
    public async Task Acknowledging_without_a_name_an_unknown_alert_or_one_not_firing_is_refused_with_the_reason()
    {
        var labels = new Dictionary<string, string> { ["test"] = Guid.NewGuid().ToString("N") };
        var ruleId = await host.RoutedRuleAsync("AckRefused", "ack_refused_probe", labels, "warning");
        await host.ProduceAsync("ack_refused_probe", labels, 97);
        var id = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("id").GetString()!;

        var nameless = await FiringAlerts.AcknowledgeAsync(host, id, new { comment = "who am I" });
        var unknown = await FiringAlerts.AcknowledgeAsync(host, "0123456789abcdef", new { by = "alice" });
        // Past the rule's 1 s window, so the low value is all the window holds.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await host.ProduceAsync("ack_refused_probe", labels, 10);
        await Eventually.GetAsync(() => FiringAlerts.GetAsync(host, ruleId), a => a.GetProperty("state").GetString() == "resolved", FiringAlerts.Patience, "the alert resolved");
        var resolved = await FiringAlerts.AcknowledgeAsync(host, id, new { by = "alice" });

        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Equal("application/problem+json", nameless.Content.Headers.ContentType?.MediaType);
        Assert.True((await nameless.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("by", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, resolved.StatusCode);
        Assert.Contains("resolved", await resolved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_alert_is_acknowledged_over_grpc_and_an_unknown_one_is_not_found()
    {
        var labels = new Dictionary<string, string> { ["test"] = Guid.NewGuid().ToString("N") };
        var ruleId = await host.RoutedRuleAsync("AckGrpc", "ack_grpc_probe", labels, "critical");
        await host.ProduceAsync("ack_grpc_probe", labels, 97);
        var id = (await FiringAlerts.WaitAsync(host, ruleId)).GetProperty("id").GetString()!;
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);

        var acknowledged = await client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { Id = id, By = "carol", Comment = "paged" });
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { Id = "0123456789abcdef", By = "carol" }));
        var nameless = await Assert.ThrowsAsync<RpcException>(async () => await client.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { Id = id }));
        var listed = await client.ListAlertsAsync(new ListAlertsRequest { RuleId = ruleId });

        Assert.Equal("carol", acknowledged.AcknowledgedBy);
        Assert.Equal("paged", acknowledged.AcknowledgeComment);
        Assert.NotNull(acknowledged.AcknowledgedAt);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, nameless.StatusCode);
        Assert.Contains("by:", nameless.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("carol", Assert.Single(listed.Alerts).AcknowledgedBy);
        Assert.Equal(id, listed.Alerts[0].Id);
    }
}
