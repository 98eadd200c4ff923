using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests;

public sealed class RulesApiTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    [Fact(Timeout = 60_000)]
    public async Task Built_in_rules_ship_enabled_without_a_webhook_and_can_be_given_one()
    {
        var rules = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/alert-rules");
        var builtin = rules!.Where(r => r.GetProperty("builtin").GetBoolean()).ToList();

        Assert.Equal(9, builtin.Count);
        Assert.All(builtin, r => Assert.True(r.GetProperty("enabled").GetBoolean()));
        Assert.All(builtin, r => Assert.Equal("", r.GetProperty("webhookUrl").GetString()));
        Assert.Contains(builtin, r => r.GetProperty("kind").GetString() == "health" && r.GetProperty("threshold").GetDouble() == 50 && r.GetProperty("severity").GetString() == "critical");
        Assert.Contains(builtin, r => r.GetProperty("aggregation").GetString() == "p95");

        var memory = builtin.Single(r => r.GetProperty("metric").GetString() == "host_memory_usage_percent");
        var edited = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(memory.GetRawText())!;
        edited["threshold"] = JsonSerializer.SerializeToElement(90);
        edited["webhookUrl"] = JsonSerializer.SerializeToElement("https://hooks.example.com/ops");
        var put = await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{memory.GetProperty("id").GetString()}", edited);
        var saved = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(90, saved.GetProperty("threshold").GetDouble());
        Assert.True(saved.GetProperty("builtin").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Secrets_are_write_only_and_kept_across_updates_without_one()
    {
        var created = await host.CreateRuleAsync(new { name = "secret keeper", metric = "m", condition = "greater_than", threshold = 1, webhookUrl = "https://hooks.example.com/x", secret = "hunter2" });
        var id = created.GetProperty("id").GetString();
        var put = await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{id}", new { name = "secret keeper", metric = "m", condition = "greater_than", threshold = 2, webhookUrl = "https://hooks.example.com/x" });
        var text = await put.Content.ReadAsStringAsync();

        Assert.DoesNotContain("hunter2", created.GetRawText(), StringComparison.Ordinal);
        Assert.True(created.GetProperty("hasSecret").GetBoolean());
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("hasSecret").GetBoolean());
    }

    [Fact(Timeout = 60_000)]
    public async Task Invalid_rules_are_refused_with_problem_details_naming_each_field()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "bad", kind = "threshold", metric = "m", condition = "greater_than", threshold = 90, recoveryThreshold = 95,
            matchers = new[] { new { name = "host", op = "=~", value = "(" } }, keepFiringFor = "soon", webhookUrl = "https://hooks.example.com/x",
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["keepFiringFor", "matchers[0]", "recoveryThreshold"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_grpc_Alerts_service_creates_lists_and_refuses_rules_like_the_rest_api()
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);
        var spec = new AlertRuleSpec { Name = "grpc rule", Metric = "grpc_metric", Condition = "greater_than", Threshold = 5, Window = "30s", Secret = "s" };
        spec.Matchers.Add(new LabelMatcher { Name = "host", Op = "=~", Value = "db-.*" });

        var created = await client.CreateRuleAsync(spec);
        var listed = await client.ListRulesAsync(new ListRulesRequest());
        var fetched = await client.GetRuleAsync(new GetRuleRequest { Id = created.Id });
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateRuleAsync(new AlertRuleSpec { Name = "", Metric = "m" }));
        var alerts = await client.ListAlertsAsync(new ListAlertsRequest { State = "firing" });
        await client.DeleteRuleAsync(new DeleteRuleRequest { Id = created.Id });
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.GetRuleAsync(new GetRuleRequest { Id = created.Id }));

        Assert.Contains(listed.Rules, r => r.Id == created.Id);
        Assert.Equal("30s", fetched.Window);
        Assert.True(fetched.HasSecret);
        Assert.Equal("=~", fetched.Matchers.Single().Op);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("name: is required", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("threshold:", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.All(alerts.Alerts, a => Assert.Equal("firing", a.State));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Grouped_rules_are_refused_with_problem_details_naming_groupBy_and_numerator()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "bad ratio", metric = "m", aggregation = "ratio", condition = "greater_than", threshold = 1, groupBy = new[] { "service", "status-code" },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["groupBy[1]", "numerator"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_grpc_Alerts_service_round_trips_groupBy_and_numerator_and_names_their_errors()
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);
        var spec = new AlertRuleSpec { Name = "grpc ratio", Metric = "grpc_requests_ms", Aggregation = "ratio", Condition = "greater_than", Threshold = 2, GroupBy = { "service", "region" } };
        spec.Numerator.Add(new LabelMatcher { Name = "status", Op = "=~", Value = "5.." });

        var created = await client.CreateRuleAsync(spec);
        var fetched = await client.GetRuleAsync(new GetRuleRequest { Id = created.Id });
        spec.GroupBy.Remove("region");
        var updated = await client.UpdateRuleAsync(new UpdateRuleRequest { Id = created.Id, Rule = spec });
        var transcoded = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/rpc/alerts/rules/{created.Id}");
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateRuleAsync(new AlertRuleSpec
        {
            Name = "bad", Metric = "m", Aggregation = "ratio", Condition = "greater_than", Threshold = 1, GroupBy = { "9lives" },
        }));
        await client.DeleteRuleAsync(new DeleteRuleRequest { Id = created.Id });

        Assert.Equal<string>(["service", "region"], fetched.GroupBy);
        Assert.Equal("status =~ 5..", string.Join(";", fetched.Numerator.Select(m => $"{m.Name} {m.Op} {m.Value}")));
        Assert.Equal("ratio", fetched.Aggregation);
        Assert.Equal<string>(["service"], updated.GroupBy);
        Assert.Equal<string>(["service"], transcoded.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString() ?? ""));
        Assert.Equal("5..", transcoded.GetProperty("numerator")[0].GetProperty("value").GetString());
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("groupBy[0]: must be a label name", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("numerator: is required with aggregation ratio", invalid.Status.Detail, StringComparison.Ordinal);
    }
}
