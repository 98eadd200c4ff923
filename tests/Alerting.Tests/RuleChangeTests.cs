using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>What happens to firing alerts when their rule is disabled, re-thresholded or pointed at other series.</summary>
public sealed class RuleChangeTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly ThresholdRules rules = new(host);

    [Fact(Timeout = 90_000)]
    public async Task Disabling_a_firing_rule_resolves_its_alert_and_tells_the_receiver()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "disabled_metric", series, new { });
        await host.ProduceAsync("disabled_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, ThresholdRules.Patience, "firing");

        await rules.ChangeAsync(ruleId, "enabled", false);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, ThresholdRules.Patience, "resolved");
        await host.ProduceAsync("disabled_metric", series, 97);
        await Task.Delay(1500);

        Assert.Equal<string>(["firing", "resolved"], receiver.Accepted.Select(a => a.Event ?? "").ToArray());
        Assert.Equal("resolved", await rules.StateAsync(ruleId));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_new_threshold_keeps_a_firing_alert_without_notifying_again()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var series = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "rethreshold_metric", series, new { });
        await host.ProduceAsync("rethreshold_metric", series, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, ThresholdRules.Patience, "firing");

        await rules.ChangeAsync(ruleId, "threshold", 92);
        await host.ProduceAsync("rethreshold_metric", series, 96);
        await Task.Delay(2500);

        Assert.Equal<string>(["firing"], receiver.Accepted.Select(a => a.Event ?? "").ToArray());
        Assert.Equal("firing", await rules.StateAsync(ruleId));
    }

    [Fact(Timeout = 90_000)]
    public async Task A_rule_whose_labels_are_edited_selects_series_by_the_new_labels()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var first = ThresholdRules.Labels();
        var second = ThresholdRules.Labels();
        var ruleId = await rules.CreateAsync(receiver, "edited_metric", first, new { });
        await host.ProduceAsync("edited_metric", second, 95);
        await host.ProduceAsync("edited_metric", first, 95);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 1, ThresholdRules.Patience, "the first series firing");
        await Task.Delay(1000);
        var beforeEdit = receiver.Accepted.Count;

        var put = await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", new
        {
            name = "edited", metric = "edited_metric", labels = second, aggregation = "max", window = "1m", condition = "greater_than", threshold = 90,
            severity = "critical", webhookUrl = receiver.Url,
        });
        put.EnsureSuccessStatusCode();
        await host.ProduceAsync("edited_metric", second, 96);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 3, ThresholdRules.Patience, "the first series resolved and the second firing");
        await Task.Delay(1000);

        Assert.Equal(1, beforeEdit);
        Assert.Equal<string>(new[] { $"firing {first["host"]}", $"firing {second["host"]}", $"resolved {first["host"]}" }.Order(StringComparer.Ordinal).ToArray(),
            receiver.Accepted.Select(a => $"{a.Event} {(a.Body.Contains(first["host"], StringComparison.Ordinal) ? first["host"] : second["host"])}").Order(StringComparer.Ordinal).ToArray());
        var firing = await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing");
        Assert.Equal(second["host"], Assert.Single(firing!).GetProperty("labels").GetProperty("host").GetString());
    }
}
