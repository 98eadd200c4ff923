using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// The built-in rules watch series PerfMonitor itself emits: the collector's host and PostgreSQL probes (as
/// HostCollector and PostgresCollector name and label them) and the client library's operation timer. A host of its
/// own, because the test gives the built-in rules a webhook and no wait.
/// </summary>
public sealed class BuiltinRuleMetricsTests(BuiltinRuleMetricsTests.Host host) : IClassFixture<BuiltinRuleMetricsTests.Host>
{
    public sealed class Host : AlertingHost;

    public static TheoryData<string, string, string, double> EmittedSeries => new()
    {
        // Rule, metric and labels as the emitter writes them, and a value past the rule's threshold.
        { "00000000-0000-4000-8000-000000000003", "postgres_pool_utilization_percent", """{"server":"127.0.0.1:5432"}""", 93 },
        { "00000000-0000-4000-8000-000000000006", "host_cpu_usage_percent", """{"host":"db-1"}""", 97.5 },
        { "00000000-0000-4000-8000-000000000007", "host_memory_usage_percent", """{"host":"db-1"}""", 91 },
        { "00000000-0000-4000-8000-000000000008", "postgres_cache_hit_ratio", """{"server":"127.0.0.1:5432","database":"shop"}""", 0.42 },
        { "00000000-0000-4000-8000-000000000009", "operation_duration_ms", """{"service":"shop","operation":"connection_wait"}""", 900 },
    };

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(EmittedSeries))]
    public async Task A_built_in_rule_fires_on_the_series_PerfMonitor_emits_pushed_over_its_threshold(string ruleId, string metric, string labelsJson, double value)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(labelsJson)!;
        var rule = await host.Client.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/v1/alert-rules/{ruleId}");
        // The rule as shipped (metric, matchers, window, condition, threshold), only without its wait and with a receiver.
        rule!["for"] = JsonSerializer.SerializeToElement("0s");
        rule["webhookUrl"] = JsonSerializer.SerializeToElement(receiver.Url);
        (await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", rule)).EnsureSuccessStatusCode();
        var cache = host.App.Services.GetRequiredService<RuleCache>();
        await Eventually.GetAsync(() => Task.FromResult(cache.Current.Enabled.Single(r => r.Id == Guid.Parse(ruleId))),
            loaded => loaded.For == TimeSpan.Zero && loaded.WebhookUrl == receiver.Url, ThresholdRules.Patience, "the changed rule in the evaluator's rule cache");

        await host.ProduceAsync(metric, labels, value, value, value);
        var fired = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count >= 1, ThresholdRules.Patience, $"{metric} firing rule {ruleId}");

        Assert.Equal(metric, rule["metric"].GetString());
        Assert.True(rule["builtin"].GetBoolean());
        var body = JsonDocument.Parse(fired[0].Body).RootElement;
        Assert.Equal("firing", fired[0].Event);
        Assert.Equal(ruleId, body.GetProperty("ruleId").GetString());
        Assert.Equal(value, body.GetProperty("value").GetDouble(), precision: 6);
        Assert.Equal(labels, body.GetProperty("labels").Deserialize<Dictionary<string, string>>());
    }
}
