using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// How a threshold rule judges its series: windows, aggregations and thresholds. Silences, absence rules and analytics
/// events are <see cref="EvaluationKindsTests"/>' part.
/// </summary>
[LongRunning]
public sealed class EvaluationTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly ThresholdRules rules = new(host);

    [Fact(Timeout = 90_000)]
    public async Task A_flapping_series_fires_once_and_resolves_once_inside_the_cooldown()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "flap_metric", series, new { aggregation = "max", window = "1s", cooldownMinutes = 10 });

        for (var i = 0; i < 12; i++)
        {
            await host.ProduceAsync("flap_metric", series, i % 2 == 0 ? 95 : 10);
            await Task.Delay(1100);
        }
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 2, ThresholdRules.Patience, "firing and resolved");
        await Task.Delay(1500);

        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event).Select(e => e ?? "").ToArray());
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}");
        Assert.Equal<string>(["firing", "resolved"], alerts!.Single().GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).Select(e => e ?? "").ToArray());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_recovery_threshold_keeps_an_alert_firing_between_the_two_thresholds()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "hysteresis_metric", series, new { aggregation = "max", window = "1s", recoveryThreshold = 70 });

        await host.ProduceAsync("hysteresis_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, ThresholdRules.Patience, "firing");
        await Task.Delay(1100);
        await host.ProduceAsync("hysteresis_metric", series, 80);
        await Task.Delay(1500);
        var between = await rules.StateAsync(ruleId);
        await Task.Delay(1100);
        await host.ProduceAsync("hysteresis_metric", series, 60);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, ThresholdRules.Patience, "resolved below the recovery threshold");

        Assert.Equal("firing", between);
        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event).Select(e => e ?? "").ToArray());
    }

    [Fact(Timeout = 90_000)]
    public async Task Percentiles_and_regex_matchers_select_and_aggregate_the_window()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var api = new Dictionary<string, string> { ["host"] = $"api-{Guid.NewGuid():N}"[..12], ["route"] = "/checkout" };
        var other = new Dictionary<string, string>(api) { ["route"] = "/health" };
        await rules.CreateAsync(receiver, "latency_ms", [], new
        {
            aggregation = "p95",
            window = "1m",
            threshold = 500,
            matchers = new object[] { new { name = "host", op = "=~", value = "api-.*" }, new { name = "route", op = "!=", value = "/health" }, new { name = "host", op = "=", value = api["host"] } },
        });

        await host.ProduceAsync("latency_ms", other, [.. Enumerable.Repeat(900.0, 20)]);
        await host.ProduceAsync("latency_ms", api, [.. Enumerable.Repeat(100.0, 19), 900]);
        await Task.Delay(1500);
        var before = receiver.Accepted.Count;
        await host.ProduceAsync("latency_ms", api, 990, 995);
        var fired = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count == 1, ThresholdRules.Patience, "p95 above 500");

        Assert.Equal(0, before);
        var body = JsonDocument.Parse(fired[0].Body).RootElement;
        Assert.Equal("/checkout", body.GetProperty("labels").GetProperty("route").GetString());
        Assert.True(body.GetProperty("value").GetDouble() > 500);
    }

    [Fact(Timeout = 90_000)]
    public async Task Every_series_of_a_record_that_breaches_at_once_fires_once_with_its_history()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = $"burst-{Guid.NewGuid():N}"[..14];
        var ruleId = await rules.CreateAsync(receiver, "burst_metric", new Dictionary<string, string> { ["run"] = run }, new { });
        var series = Enumerable.Range(0, 200).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["run"] = run, ["host"] = $"h{i}" }).ToList();
        var others = series.Select(s => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["run"] = "not-" + run, ["host"] = s["host"] });

        await host.ProduceSeriesAsync("burst_metric", others, 95);
        await host.ProduceSeriesAsync("burst_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= series.Count, ThresholdRules.Patience, "a notification per series");
        await Task.Delay(1000);

        // One notification per series: a delivery the client timed out on is sent again under the same Idempotency-Key
        // (at least once, as receivers are told), so a slow machine may show a key twice but never a second notification.
        Assert.Equal(series.Count, receiver.Accepted.Select(r => r.IdempotencyKey).Distinct().Count());
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing");
        Assert.Equal(series.Count, alerts!.Count);
        Assert.All(alerts, a => Assert.Equal<string>(["firing"], a.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString() ?? "").ToArray()));
    }
}
