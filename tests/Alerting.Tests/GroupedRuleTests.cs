using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>Threshold rules that aggregate across series: groupBy, and the ratio of samples matching a numerator.</summary>
[LongRunning]
public sealed class GroupedRuleTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private const string BuiltinErrorRateRule = "00000000-0000-4000-8000-000000000005";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 90_000)]
    public async Task A_ratio_rule_grouped_by_service_fires_for_the_service_whose_5xx_share_exceeds_the_threshold()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = Run();
        // "for" rides out the moment a group's first samples are all errors: records of one group's series may be read in any order.
        var ruleId = await ErrorRatioRuleAsync(receiver, run, new { @for = "2s" });

        await ProduceRequestsAsync(run, "checkout", total: 100, errors: 5);
        await ProduceRequestsAsync(run, "search", total: 200, errors: 1);
        var fired = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, Patience, "the checkout group firing");
        await Task.Delay(3000);
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}");

        var notification = Assert.Single(receiver.Accepted);
        Assert.Equal("firing", notification.Event);
        var body = JsonDocument.Parse(fired[0].Body).RootElement;
        Assert.Equal(new Dictionary<string, string> { ["service"] = "checkout" }, body.GetProperty("labels").Deserialize<Dictionary<string, string>>());
        Assert.Equal(5, body.GetProperty("value").GetDouble(), precision: 6);
        Assert.Equal("firing", alerts!.Single(a => ServiceOf(a) == "checkout").GetProperty("state").GetString());
        Assert.DoesNotContain(alerts!, a => ServiceOf(a) == "search" && a.GetProperty("state").GetString() == "firing");
    }

    [Fact(Timeout = 90_000)]
    public async Task The_migrated_built_in_error_rate_rule_measures_the_5xx_share_of_client_library_requests_per_service()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var failing = $"shop-{Guid.NewGuid():N}"[..13];
        var healthy = $"blog-{Guid.NewGuid():N}"[..13];
        var builtin = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{BuiltinErrorRateRule}");
        // The built-in rule waits 5 minutes before firing; a copy of it without the wait shows what it fires.
        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(builtin.GetRawText())!;
        copy["name"] = JsonSerializer.SerializeToElement("built-in error rate, at once");
        copy["for"] = JsonSerializer.SerializeToElement("0s");
        copy["webhookUrl"] = JsonSerializer.SerializeToElement(receiver.Url);
        var copyId = (await host.CreateRuleAsync(copy)).GetProperty("id").GetString();

        await host.ProduceSamplesAsync(await ClientRequests.RecordAsync(failing, ClientRequests.Mix("/orders/{id}", total: 200, errors: 10)));
        await host.ProduceSamplesAsync(await ClientRequests.RecordAsync(healthy, ClientRequests.Mix("/posts", total: 200, errors: 1)));
        var pending = await Eventually.GetAsync(() => host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={BuiltinErrorRateRule}")!,
            alerts => alerts!.Any(a => ServiceOf(a) == failing), Patience, "the built-in rule pending for the failing service");
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, Patience, "the copy firing");
        await Task.Delay(1500);
        var builtinAlerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={BuiltinErrorRateRule}");

        Assert.Equal("http_request_duration_ms ratio over 5m > 1 (recovers at 0.5) for 5m by [service] where [status=~5..]",
            $"{builtin.GetProperty("metric")} {builtin.GetProperty("aggregation")} over {builtin.GetProperty("window")} > {builtin.GetProperty("threshold")} " +
            $"(recovers at {builtin.GetProperty("recoveryThreshold")}) for {builtin.GetProperty("for")} by [{string.Join(",", builtin.GetProperty("groupBy").EnumerateArray())}] " +
            $"where [{string.Join(",", builtin.GetProperty("numerator").EnumerateArray().Select(m => $"{m.GetProperty("name")}{m.GetProperty("op")}{m.GetProperty("value")}"))}]");
        var alert = pending!.Single(a => ServiceOf(a) == failing);
        Assert.Equal("pending", alert.GetProperty("state").GetString());
        // The value when it went pending: above the threshold, at most the 5 % share of the whole batch.
        Assert.InRange(alert.GetProperty("value").GetDouble(), 1.000001, 5.000001);
        Assert.DoesNotContain(builtinAlerts!, a => ServiceOf(a) == healthy && a.GetProperty("state").GetString() is "pending" or "firing");
        var notification = Assert.Single(receiver.Accepted);
        var body = JsonDocument.Parse(notification.Body).RootElement;
        Assert.Equal(copyId, body.GetProperty("ruleId").GetString());
        Assert.Equal(new Dictionary<string, string> { ["service"] = failing }, body.GetProperty("labels").Deserialize<Dictionary<string, string>>());
        (await host.Client.DeleteAsync($"/api/v1/alert-rules/{copyId}")).EnsureSuccessStatusCode();
    }

    [Fact(Timeout = 120_000)]
    public async Task A_firing_grouped_alert_is_rebuilt_after_a_restart_under_its_group_labels()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = Run();
        var ruleId = await ErrorRatioRuleAsync(receiver, run, new { format = "alertmanager" });
        await ProduceRequestsAsync(run, "checkout", total: 100, errors: 10);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "firing");

        await host.RestartAsync();
        await ProduceRequestsAsync(run, "checkout", total: 10, errors: 10);
        await Task.Delay(2000);
        var afterRestart = receiver.Accepted.Count;
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}");
        await ProduceRequestsAsync(run, "checkout", total: 4000, errors: 0);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, Patience, "resolved once the share falls below the recovery threshold");

        Assert.Equal(1, afterRestart);
        var alert = Assert.Single(alerts!);
        Assert.Equal("firing", alert.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string> { ["service"] = "checkout" }, alert.GetProperty("labels").Deserialize<Dictionary<string, string>>());
        var resolved = JsonDocument.Parse(receiver.Accepted.Last().Body).RootElement.GetProperty("alerts")[0];
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("checkout", resolved.GetProperty("labels").GetProperty("service").GetString());
        Assert.False(resolved.GetProperty("labels").TryGetProperty("status", out _));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_silence_on_a_group_label_mutes_that_group_only()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = Run();
        var ruleId = await ErrorRatioRuleAsync(receiver, run, new { @for = "1s" });
        var silence = await host.Client.PostAsJsonAsync("/api/v1/silences", new
        {
            matchers = new[] { new { name = "alertname", op = "=", value = $"error ratio {run}" }, new { name = "service", op = "=", value = "checkout" } },
            duration = "1h",
        });
        silence.EnsureSuccessStatusCode();

        await ProduceRequestsAsync(run, "checkout", total: 100, errors: 10);
        await ProduceRequestsAsync(run, "search", total: 100, errors: 10);
        var firing = await Eventually.GetAsync(() => host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing")!,
            alerts => alerts!.Count == 2, Patience, "both groups firing");
        await Task.Delay(1500);

        var notification = Assert.Single(receiver.Accepted);
        Assert.Equal("search", JsonDocument.Parse(notification.Body).RootElement.GetProperty("labels").GetProperty("service").GetString());
        Assert.True(firing!.Single(a => ServiceOf(a) == "checkout").GetProperty("silenced").GetBoolean());
        Assert.False(firing!.Single(a => ServiceOf(a) == "search").GetProperty("silenced").GetBoolean());
    }

    private static string Run() => $"run-{Guid.NewGuid():N}"[..12];

    private static string? ServiceOf(JsonElement alert) =>
        alert.GetProperty("labels").TryGetProperty("service", out var service) ? service.GetString() : null;

    /// <summary>Requests of one service as separate series per status, as the client library labels them.</summary>
    private async Task ProduceRequestsAsync(string run, string service, int total, int errors)
    {
        var labels = new Dictionary<string, string> { ["run"] = run, ["service"] = service, ["route"] = "/api", ["method"] = "GET" };
        await host.ProduceAsync("grouped_request_ms", new Dictionary<string, string>(labels) { ["status"] = "200" }, [.. Enumerable.Repeat(12.0, total - errors)]);
        if (errors > 0)
        {
            await host.ProduceAsync("grouped_request_ms", new Dictionary<string, string>(labels) { ["status"] = "503" }, [.. Enumerable.Repeat(12.0, errors)]);
        }
    }

    private async Task<string> ErrorRatioRuleAsync(TestReceiver receiver, string run, object overrides)
    {
        var rule = new Dictionary<string, object?>
        {
            ["name"] = $"error ratio {run}",
            ["metric"] = "grouped_request_ms",
            ["labels"] = new Dictionary<string, string> { ["run"] = run },
            ["groupBy"] = new[] { "service" },
            ["aggregation"] = "ratio",
            ["numerator"] = new[] { new { name = "status", op = "=~", value = "5.." } },
            ["window"] = "1m",
            ["condition"] = "greater_than",
            ["threshold"] = 1,
            ["recoveryThreshold"] = 0.5,
            ["severity"] = "error",
            ["webhookUrl"] = receiver.Url,
        };
        foreach (var property in JsonSerializer.SerializeToElement(overrides, JsonSerializerOptions.Web).EnumerateObject())
        {
            rule[property.Name] = property.Value;
        }
        return (await host.CreateRuleAsync(rule)).GetProperty("id").GetString()!;
    }
}
