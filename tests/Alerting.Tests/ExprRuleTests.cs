using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// Rules written as a PromQL expression with <c>for</c>, as a Prometheus alerting rule is: refused at creation when the
/// expression does not parse, evaluated on the Prometheus HTTP API that service discovery names analytics.
/// </summary>
[Trait("Category", "System")]
public sealed class ExprRuleTests(PrometheusQueryHost host) : IClassFixture<PrometheusQueryHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory(Timeout = 60_000)]
    [InlineData("rate(http_requests_total[5m]", "1:29: parse error")]
    [InlineData("sum by (service) (http_requests_total", "parse error")]
    [InlineData("http_requests_total[5m]", "range vector")]
    [InlineData("", "is required")]
    public async Task An_expression_that_does_not_parse_is_refused_with_problem_details_naming_expr(string expr, string reason)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/alert-rules", new { name = "bad expr", kind = "expr", expr, severity = "warning" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["expr"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(reason, errors.GetProperty("expr")[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task Threshold_fields_beside_an_expression_are_refused_by_name()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "mixed", kind = "expr", expr = "up == 0", metric = "up", groupBy = new[] { "job" }, severity = "warning",
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["groupBy", "metric"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact(Timeout = 90_000)]
    public async Task An_expr_rule_fires_for_each_series_its_query_returns_and_resolves_when_none_is_returned()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var service = $"s-{Guid.NewGuid():N}"[..10];
        var rule = await host.CreateRuleAsync(new
        {
            name = "queue too long",
            kind = "expr",
            expr = $"label_replace(vector(7), \"service\", \"{service}\", \"\", \"\") > 5",
            @for = "1s",
            labels = new Dictionary<string, string> { ["team"] = "checkout" },
            annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.service }} holds {{ $value }} jobs" },
            severity = "warning",
            webhookUrl = receiver.Url,
        });
        var ruleId = rule.GetProperty("id").GetString();
        Assert.Equal("expr", rule.GetProperty("kind").GetString());

        var fired = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, "the expr rule firing");
        var body = JsonDocument.Parse(fired[0].Body).RootElement;
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}");
        var stored = Assert.Single(alerts!);
        Assert.Equal("firing", stored.GetProperty("state").GetString());
        Assert.Equal(7, stored.GetProperty("value").GetDouble());
        Assert.Equal(service, stored.GetProperty("labels").GetProperty("service").GetString());
        Assert.Equal("checkout", stored.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal($"{service} holds 7 jobs", body.GetProperty("annotations").GetProperty("summary").GetString());
        var history = stored.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString() ?? "").ToList();
        Assert.Contains("pending", history);
        Assert.Equal("firing", history[^1]);

        var changed = await host.Client.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/v1/alert-rules/{ruleId}");
        changed!["expr"] = JsonSerializer.SerializeToElement($"label_replace(vector(3), \"service\", \"{service}\", \"\", \"\") > 5");
        (await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", changed)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Any(a => a.Event == "resolved"), Patience, "the expr rule resolving");
    }
}
