using System.Net.Http.Json;
using System.Text.Json;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>Threshold rules made, read and changed through the alerting API, as the evaluation tests use them.</summary>
public sealed class ThresholdRules(AlertingHost host)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A series of its own: a host label no other test uses.</summary>
    public static Dictionary<string, string> Labels() => new() { ["host"] = $"h-{Guid.NewGuid():N}"[..12] };

    /// <summary>Creates a "max over 1m greater than 90, critical" rule on <paramref name="labels"/>, with <paramref name="overrides"/> replacing fields.</summary>
    public async Task<string> CreateAsync(TestReceiver receiver, string? metric, Dictionary<string, string> labels, object overrides)
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

    /// <summary>The state of the rule's one alert, or null before it has one.</summary>
    public async Task<string?> StateAsync(string ruleId) =>
        (await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}"))!.SingleOrDefault() is { ValueKind: JsonValueKind.Object } alert
            ? alert.GetProperty("state").GetString() : null;

    /// <summary>Changes one field of a stored rule as the dashboard does: the whole rule as read, with that field replaced.</summary>
    public async Task ChangeAsync(string ruleId, string field, object value)
    {
        var rule = await host.Client.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/v1/alert-rules/{ruleId}");
        rule![field] = JsonSerializer.SerializeToElement(value);
        (await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", rule)).EnsureSuccessStatusCode();
    }
}
