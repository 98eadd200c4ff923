using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.State;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

[Collection(AlertingCollection.Name)]
public sealed class EvaluationTests(AlertingHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 90_000)]
    public async Task A_flapping_series_fires_once_and_resolves_once_inside_the_cooldown()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "flap_metric", series, new { aggregation = "max", window = "1s", cooldownMinutes = 10 });

        for (var i = 0; i < 12; i++)
        {
            await host.ProduceAsync("flap_metric", series, i % 2 == 0 ? 95 : 10);
            await Task.Delay(1100);
        }
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 2, Patience, "firing and resolved");
        await Task.Delay(1500);

        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event).Select(e => e ?? "").ToArray());
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}");
        Assert.Equal<string>(["firing", "resolved"], alerts!.Single().GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).Select(e => e ?? "").ToArray());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_recovery_threshold_keeps_an_alert_firing_between_the_two_thresholds()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "hysteresis_metric", series, new { aggregation = "max", window = "1s", recoveryThreshold = 70 });

        await host.ProduceAsync("hysteresis_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "firing");
        await Task.Delay(1100);
        await host.ProduceAsync("hysteresis_metric", series, 80);
        await Task.Delay(1500);
        var between = await StateAsync(ruleId);
        await Task.Delay(1100);
        await host.ProduceAsync("hysteresis_metric", series, 60);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, Patience, "resolved below the recovery threshold");

        Assert.Equal("firing", between);
        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event).Select(e => e ?? "").ToArray());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_silence_mutes_a_firing_alert_and_its_expiry_lets_the_notification_through()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "silenced_metric", series, new { window = "1m" });
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
            alerts => alerts!.Count == 1, Patience, "the alert firing while muted");
        await Task.Delay(1500);
        var sentWhileMuted = receiver.Requests.Count;
        var expire = await host.Client.PostAsync($"/api/v1/silences/{silenceId}/expire", null);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "the firing notification after expiry");
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
        await RuleAsync(receiver, "latency_ms", [], new
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
        var fired = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count == 1, Patience, "p95 above 500");

        Assert.Equal(0, before);
        var body = JsonDocument.Parse(fired[0].Body).RootElement;
        Assert.Equal("/checkout", body.GetProperty("labels").GetProperty("route").GetString());
        Assert.True(body.GetProperty("value").GetDouble() > 500);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_absence_rule_fires_when_a_series_goes_quiet_and_resolves_when_it_comes_back()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        await RuleAsync(receiver, "heartbeat", series, new { kind = "absence", window = "2s" });

        await host.ProduceAsync("heartbeat", series, 1);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "the absence to fire");
        await host.ProduceAsync("heartbeat", series, 1);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, Patience, "the absence to resolve");

        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event).Select(e => e ?? "").ToArray());
    }

    [Fact(Timeout = 90_000)]
    public async Task Anomaly_and_health_events_fire_their_rules()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var service = $"svc-{Guid.NewGuid():N}"[..12];
        var anomalyRule = await RuleAsync(receiver, null, new() { ["service"] = service }, new { kind = "anomaly", minSeverity = "error", window = "5m" });
        var healthRule = await RuleAsync(receiver, null, new() { ["service"] = service }, new { kind = "health", condition = "less_than", threshold = 70 });

        await host.ProduceEventAsync("AnomalyDetected", new { seriesId = 42, metric = "latency_ms", labels = new { service }, value = 900, expected = 100, lower = 50, upper = 150, score = 6.1, severity = "warning" });
        await host.ProduceEventAsync("AnomalyDetected", new { seriesId = 43, metric = "latency_ms", labels = new { service }, value = 990, expected = 100, lower = 50, upper = 150, score = 9.3, severity = "critical" });
        await host.ProduceEventAsync("HealthStatusChanged", new { service, score = 55.0, status = "degraded", previousStatus = "healthy" });
        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.ToList()), r => r.Count == 2, Patience, "anomaly and health alerts");
        await Task.Delay(1000);

        var bodies = receiver.Accepted.Select(a => JsonDocument.Parse(a.Body).RootElement).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Contains(bodies, b => b.GetProperty("ruleId").GetString() == anomalyRule && b.GetProperty("value").GetDouble() == 990);
        Assert.Contains(bodies, b => b.GetProperty("ruleId").GetString() == healthRule && b.GetProperty("value").GetDouble() == 55);
    }

    [Fact(Timeout = 120_000)]
    public async Task Firing_state_survives_a_restart_without_firing_again()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "restart_metric", series, new { window = "2s" });
        await host.ProduceAsync("restart_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "firing");

        await host.RestartAsync();
        await host.ProduceAsync("restart_metric", series, 96);
        await Task.Delay(2000);
        var afterRestart = receiver.Accepted.Count;
        var state = await StateAsync(ruleId);
        await Task.Delay(2100);
        await host.ProduceAsync("restart_metric", series, 10);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, Patience, "resolved after the restart");

        Assert.Equal(1, afterRestart);
        Assert.Equal("firing", state);
        Assert.Equal("resolved", receiver.Accepted.Last().Event);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_replicas_evaluating_the_same_series_fire_it_once()
    {
        var store = host.App.Services.GetRequiredService<AlertStore>();
        var factory = host.App.Services.GetRequiredService<NotificationFactory>();
        var rule = new AlertRule(Guid.NewGuid(), "race", RuleKind.Threshold, "race_metric", new Dictionary<string, string>(), RuleAggregation.Max, TimeSpan.FromMinutes(1),
            RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Critical, 0, "http://127.0.0.1:9/hook", PayloadFormat.Json, true);
        await host.App.Services.GetRequiredService<RuleStore>().SaveAsync(rule, CancellationToken.None);
        var replicas = Enumerable.Range(0, 2).Select(_ => new AlertInstance(rule, 7, new Dictionary<string, string>())).ToList();
        var now = DateTimeOffset.UtcNow;

        var results = await Task.WhenAll(replicas.Select(async replica =>
        {
            replica.Evaluate(95, now);
            var notification = factory.Create(rule, new AlertEvent(AlertEventKind.Firing, 7, replica.Labels, 95, now, now, null));
            return await store.TransitionAsync(replica, AlertState.Inactive, [notification], CancellationToken.None);
        }));

        Assert.Single(results, won => won);
        await using var count = host.Database.CreateCommand("SELECT count(*) FROM perfmon.notifications WHERE rule_id = $1");
        count.Parameters.AddWithValue(rule.Id);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Evaluate_now_reports_each_instance_of_the_rule()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "evaluate_now_metric", series, new { @for = "1h" });
        await host.ProduceAsync("evaluate_now_metric", series, 95);
        await Eventually.GetAsync(() => StateAsync(ruleId), s => s == "pending", Patience, "pending");

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
        var ruleId = await RuleAsync(receiver, "burst_metric", new Dictionary<string, string> { ["run"] = run }, new { });
        var series = Enumerable.Range(0, 200).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["run"] = run, ["host"] = $"h{i}" }).ToList();
        var others = series.Select(s => (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["run"] = "not-" + run, ["host"] = s["host"] });

        await host.ProduceSeriesAsync("burst_metric", others, 95);
        await host.ProduceSeriesAsync("burst_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= series.Count, Patience, "a notification per series");
        await Task.Delay(1000);

        Assert.Equal(series.Count, receiver.Accepted.Count);
        var alerts = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing");
        Assert.Equal(series.Count, alerts!.Count);
        Assert.All(alerts, a => Assert.Equal<string>(["firing"], a.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString() ?? "").ToArray()));
    }

    [Fact(Timeout = 90_000)]
    public async Task Disabling_a_firing_rule_resolves_its_alert_and_tells_the_receiver()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "disabled_metric", series, new { });
        await host.ProduceAsync("disabled_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "firing");

        await ChangeRuleAsync(ruleId, "enabled", false);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, Patience, "resolved");
        await host.ProduceAsync("disabled_metric", series, 97);
        await Task.Delay(1500);

        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event ?? "").ToArray());
        Assert.Equal("resolved", await StateAsync(ruleId));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_new_threshold_keeps_a_firing_alert_without_notifying_again()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = Labels();
        var ruleId = await RuleAsync(receiver, "rethreshold_metric", series, new { });
        await host.ProduceAsync("rethreshold_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "firing");

        await ChangeRuleAsync(ruleId, "threshold", 92);
        await host.ProduceAsync("rethreshold_metric", series, 96);
        await Task.Delay(2500);

        Assert.Equal<string>(["firing"], receiver.Accepted.Select(a => a.Event ?? "").ToArray());
        Assert.Equal("firing", await StateAsync(ruleId));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_rule_whose_labels_are_edited_selects_series_by_the_new_labels()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var first = Labels();
        var second = Labels();
        var ruleId = await RuleAsync(receiver, "edited_metric", first, new { });
        await host.ProduceAsync("edited_metric", second, 95);
        await host.ProduceAsync("edited_metric", first, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, Patience, "the first series firing");
        await Task.Delay(1000);
        var beforeEdit = receiver.Accepted.Count;

        var put = await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", new
        {
            name = "edited", metric = "edited_metric", labels = second, aggregation = "max", window = "1m", condition = "greater_than", threshold = 90,
            severity = "critical", webhookUrl = receiver.Url,
        });
        put.EnsureSuccessStatusCode();
        await host.ProduceAsync("edited_metric", second, 96);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 3, Patience, "the first series resolved and the second firing");
        await Task.Delay(1000);

        Assert.Equal(1, beforeEdit);
        Assert.Equal<string>(new[] { $"firing {first["host"]}", $"firing {second["host"]}", $"resolved {first["host"]}" }.Order(StringComparer.Ordinal).ToArray(),
            receiver.Accepted.Select(a => $"{a.Event} {(a.Body.Contains(first["host"], StringComparison.Ordinal) ? first["host"] : second["host"])}").Order(StringComparer.Ordinal).ToArray());
        var firing = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing");
        Assert.Equal(second["host"], Assert.Single(firing!).GetProperty("labels").GetProperty("host").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_partition_without_a_committed_offset_is_read_back_as_far_as_the_rule_windows_reach()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var run = $"rejoin-{Guid.NewGuid():N}"[..15];
        await RuleAsync(receiver, "rejoin_metric", new Dictionary<string, string> { ["run"] = run }, new { window = "1m" });
        var recent = new Dictionary<string, string> { ["run"] = run, ["host"] = "recent" };
        var stale = new Dictionary<string, string> { ["run"] = run, ["host"] = "stale" };

        // A group with no committed offsets joins while these wait on the topic: the state of a rejoin or a new replica.
        host.ConsumerGroup = $"alerting-{Guid.NewGuid():N}"[..17];
        await host.RestartAsync(async () =>
        {
            await host.ProduceAtAsync(DateTimeOffset.UtcNow.AddMinutes(-5), "rejoin_metric", stale, 95);
            await host.ProduceAsync("rejoin_metric", recent, 95);
        });
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, Patience, "the sample sent during the rejoin firing");
        await Task.Delay(1500);

        var alert = Assert.Single(receiver.Accepted);
        Assert.Contains("\"recent\"", alert.Body, StringComparison.Ordinal);
    }

    /// <summary>Changes one field of a stored rule as the dashboard does: the whole rule as read, with that field replaced.</summary>
    private async Task ChangeRuleAsync(string ruleId, string field, object value)
    {
        var rule = await host.Client.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/v1/alert-rules/{ruleId}");
        rule![field] = JsonSerializer.SerializeToElement(value);
        (await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", rule)).EnsureSuccessStatusCode();
    }

    private static Dictionary<string, string> Labels() => new() { ["host"] = $"h-{Guid.NewGuid():N}"[..12] };

    private async Task<string?> StateAsync(string ruleId) =>
        (await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}"))!.SingleOrDefault() is { ValueKind: JsonValueKind.Object } alert
            ? alert.GetProperty("state").GetString() : null;

    private async Task<string> RuleAsync(TestReceiver receiver, string? metric, Dictionary<string, string> labels, object overrides)
    {
        var rule = new Dictionary<string, object?>
        {
            ["name"] = $"rule {Guid.NewGuid():N}"[..16],
            ["kind"] = "threshold",
            ["metric"] = metric,
            ["labels"] = labels,
            ["aggregation"] = "max",
            ["window"] = "1m",
            ["condition"] = "greater_than",
            ["threshold"] = 90,
            ["severity"] = "critical",
            ["webhookUrl"] = receiver.Url,
        };
        foreach (var property in JsonSerializer.SerializeToElement(overrides, JsonSerializerOptions.Web).EnumerateObject())
        {
            rule[property.Name] = property.Value;
        }
        return (await host.CreateRuleAsync(rule)).GetProperty("id").GetString()!;
    }
}
