using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>How a rule judges its series: windows, aggregations, thresholds, silences, absence and analytics events.</summary>
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
    public async Task A_silence_mutes_a_firing_alert_and_its_expiry_lets_the_notification_through()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "silenced_metric", series, new { window = "1m" });
        var silence = await host.Client.PostAsJsonAsync("/api/v1/silences", new
        {
            matchers = new[] { new { name = "host", op = "=", value = series["host"] } },
            duration = "1h",
            comment = "maintenance",
        });
        Assert.Equal(HttpStatusCode.Created, silence.StatusCode);
        var silenceId = (await silence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await host.ProduceAsync("silenced_metric", series, 95);
        var muted = await Eventually.GetAsync(() => host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing")!,
            alerts => alerts!.Count == 1, ThresholdRules.Patience, "the alert firing while muted");
        await Task.Delay(1500);
        var sentWhileMuted = receiver.Requests.Count;
        var expire = await host.Client.PostAsync($"/api/v1/silences/{silenceId}/expire", null);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, ThresholdRules.Patience, "the firing notification after expiry");
        var silences = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/silences?state=expired");

        Assert.True(muted![0].GetProperty("silenced").GetBoolean());
        Assert.Equal(0, sentWhileMuted);
        Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        Assert.Equal("firing", receiver.Accepted.Single().Event);
        Assert.Contains(silences!, s => s.GetProperty("id").GetString() == silenceId);
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
    public async Task An_absence_rule_fires_when_a_series_goes_quiet_and_resolves_when_it_comes_back()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        await rules.CreateAsync(receiver, "heartbeat", series, new { kind = "absence", window = "2s" });

        await host.ProduceAsync("heartbeat", series, 1);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, ThresholdRules.Patience, "the absence to fire");
        await host.ProduceAsync("heartbeat", series, 1);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, ThresholdRules.Patience, "the absence to resolve");

        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event).Select(e => e ?? "").ToArray());
    }

    [Fact(Timeout = 90_000)]
    public async Task Anomaly_and_health_events_fire_their_rules()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var service = $"svc-{Guid.NewGuid():N}"[..12];
        var anomalyRule = await rules.CreateAsync(receiver, null, new() { ["service"] = service }, new { kind = "anomaly", minSeverity = "error", window = "5m" });
        var healthRule = await rules.CreateAsync(receiver, null, new() { ["service"] = service }, new { kind = "health", condition = "less_than", threshold = 70 });

        await host.ProduceEventAsync("AnomalyDetected", new { seriesId = 42, metric = "latency_ms", labels = new { service }, value = 900, expected = 100, lower = 50, upper = 150, score = 6.1, severity = "warning" });
        await host.ProduceEventAsync("AnomalyDetected", new { seriesId = 43, metric = "latency_ms", labels = new { service }, value = 990, expected = 100, lower = 50, upper = 150, score = 9.3, severity = "critical" });
        await host.ProduceEventAsync("HealthStatusChanged", new { service, score = 55.0, status = "degraded", previousStatus = "healthy" });
        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count == 2, ThresholdRules.Patience, "anomaly and health alerts");
        await Task.Delay(1000);

        var bodies = receiver.Accepted.Select(a => JsonDocument.Parse(a.Body).RootElement).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Contains(bodies, b => b.GetProperty("ruleId").GetString() == anomalyRule && b.GetProperty("value").GetDouble() == 990);
        Assert.Contains(bodies, b => b.GetProperty("ruleId").GetString() == healthRule && b.GetProperty("value").GetDouble() == 55);
    }

    [Fact(Timeout = 60_000)]
    public async Task Evaluate_now_reports_each_instance_of_the_rule()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "evaluate_now_metric", series, new { @for = "1h" });
        await host.ProduceAsync("evaluate_now_metric", series, 95);
        await Eventually.GetAsync(() => rules.StateAsync(ruleId), s => s == "pending", ThresholdRules.Patience, "pending");

        var response = await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/evaluate", null);
        var instances = await response.Content.ReadFromJsonAsync<List<JsonElement>>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pending", instances!.Single().GetProperty("state").GetString());
        Assert.Equal(95, instances!.Single().GetProperty("value").GetDouble());
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
