using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// How silences, absence rules, analytics events and evaluate-now act on a rule's alerts. A class of its own, beside
/// <see cref="EvaluationTests"/>: one host runs its tests one after another, and classes run at once.
/// </summary>
public sealed class EvaluationKindsTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly ThresholdRules rules = new(host);

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
}
