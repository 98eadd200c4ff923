using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class WalkingSkeletonTests(SystemFixture system)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(15);

    [Fact(Timeout = 60_000)]
    public async Task Samples_posted_to_the_gateway_come_back_from_rollups_as_the_open_minute()
    {
        var service = $"shop{Guid.NewGuid():N}"[..12];
        var now = DateTimeOffset.UtcNow;
        var samples = new[] { 10.0, 30.0, 20.0 }.Select(v => new
        {
            metric = "http_request_duration_ms",
            labels = new Dictionary<string, string> { ["service"] = service, ["route"] = "/checkout" },
            value = v,
            timestamp = now,
        });

        var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal(3, (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());

        var rollup = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric=http_request_duration_ms&labels=service:{service}&step=1m"),
            body => body.GetProperty("points").GetArrayLength() > 0 && body.GetProperty("points")[0].GetProperty("count").GetInt64() == 3,
            Freshness, "the open minute with 3 samples");

        var point = rollup.GetProperty("points")[0];
        Assert.Equal(60.0, point.GetProperty("sum").GetDouble());
        Assert.Equal(10.0, point.GetProperty("min").GetDouble());
        Assert.Equal(30.0, point.GetProperty("max").GetDouble());
        Assert.Equal(20.0, point.GetProperty("avg").GetDouble());
        Assert.Equal(1, rollup.GetProperty("series").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_threshold_rule_kept_in_PostgreSQL_fires_its_webhook()
    {
        var host = $"db{Guid.NewGuid():N}"[..10];
        var rule = await system.Gateway.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "CPU too high",
            kind = "threshold",
            metric = "cpu_usage_percent",
            labels = new Dictionary<string, string> { ["host"] = host },
            aggregation = "max",
            window = "1m",
            condition = "greater_than",
            threshold = 90,
            @for = "0s",
            severity = "critical",
            webhookUrl = system.Webhooks.Url,
        });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var ruleId = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var post = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { 50.0, 97.5 }.Select(v => new { metric = "cpu_usage_percent", labels = new Dictionary<string, string> { ["host"] = host }, value = v }),
        });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);

        var delivered = await Eventually.GetAsync(
            () => Task.FromResult(system.Webhooks.Received.Where(r => r.Body.GetProperty("ruleId").GetString() == ruleId).ToList()),
            hooks => hooks.Count > 0, TimeSpan.FromSeconds(20), "the webhook for the breached rule");

        var body = delivered[0].Body;
        Assert.Equal("firing", body.GetProperty("state").GetString());
        Assert.Equal(97.5, body.GetProperty("value").GetDouble());
        Assert.Equal(host, body.GetProperty("labels").GetProperty("host").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Bad_samples_get_problem_details_naming_the_field_and_good_ones_are_kept()
    {
        var response = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new object[]
            {
                new { metric = "ok_metric", value = 1 },
                new { metric = "bad name", value = 1 },
                new { metric = "ok_metric", value = "NaN" },
            },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1, "metric"), (2, "value")], errors);

        var allBad = await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples = new[] { new { metric = "9starts_with_digit", value = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, allBad.StatusCode);
        Assert.Equal("application/problem+json", allBad.Content.Headers.ContentType?.MediaType);
    }
}
