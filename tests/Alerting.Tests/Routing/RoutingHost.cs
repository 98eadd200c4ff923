using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>
/// An alerting service of its own for each routing test class: the routing tree is one per service, so a class's tree
/// routes only its own alerts. Groups are looked at every 200 ms.
/// </summary>
public class RoutingHost : AlertingHost
{
    public async Task<JsonElement> CreateReceiverAsync(object receiver)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/receivers", receiver);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    /// <summary>A webhook receiver named after the test, pointing at <paramref name="receiver"/>.</summary>
    public async Task<string> WebhookReceiverAsync(TestReceiver receiver)
    {
        var name = $"hook-{Guid.NewGuid():N}"[..16];
        await CreateReceiverAsync(new { name, kind = "webhook", url = receiver.Url });
        return name;
    }

    /// <summary>Replaces the routing configuration with Alertmanager YAML.</summary>
    public async Task PutRoutingYamlAsync(string yaml)
    {
        var response = await Client.PutAsync("/api/v1/routing", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A "max over 1s greater than 90" threshold rule on <paramref name="labels"/> with no webhook: routed by the tree.</summary>
    public async Task<string> RoutedRuleAsync(string name, string metric, Dictionary<string, string> labels, string severity) =>
        (await CreateRuleAsync(new
        {
            name,
            kind = "threshold",
            metric,
            labels,
            aggregation = "max",
            window = "1s",
            condition = "greater_than",
            threshold = 90,
            severity,
        })).GetProperty("id").GetString()!;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Alerting:Routing:PollInterval"] = "00:00:00.200";
    }
}
