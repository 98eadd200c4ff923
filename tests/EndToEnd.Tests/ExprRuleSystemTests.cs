using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// An expr rule against the real analytics service: a sample in through the gateway, rolled up by analytics, and a
/// PromQL rule over it that alerting evaluates on analytics' /api/v1/query and delivers to a webhook.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class ExprRuleSystemTests(SystemFixture system)
{
    // Rollups reach PostgreSQL within a flush, and SystemFixture has expr rules evaluated every second; the rest is a
    // loaded machine's margin.
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(150);

    [Fact(Timeout = 300_000)]
    public async Task An_expr_rule_over_a_sample_sent_through_the_gateway_fires_and_reaches_the_webhook()
    {
        var service = $"expr{Guid.NewGuid():N}"[..14];
        var rule = await system.Gateway.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = $"Queue backlog {service}",
            kind = "expr",
            expr = $"max by (service) (e2e_queue_depth{{service=\"{service}\"}}) > 100",
            @for = "0s",
            severity = "warning",
            annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.service }} holds {{ $value }} jobs" },
            webhookUrl = system.Webhooks.Url,
        });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var ruleId = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { new { metric = "e2e_queue_depth", labels = new Dictionary<string, string> { ["service"] = service, ["queue"] = "orders" }, value = 420 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var received = await Eventually.GetAsync(
            () => Task.FromResult(system.Webhooks.Received.Select(r => r.Body).Where(b => b.TryGetProperty("ruleId", out var id) && id.GetString() == ruleId).ToList()),
            bodies => bodies.Count > 0, Arrival, "the expr rule's notification");

        var body = received[0];
        Assert.Equal("firing", body.GetProperty("event").GetString());
        Assert.Equal(420, body.GetProperty("value").GetDouble());
        Assert.Equal(service, body.GetProperty("labels").GetProperty("service").GetString());
        Assert.Equal($"{service} holds 420 jobs", body.GetProperty("annotations").GetProperty("summary").GetString());
    }
}
