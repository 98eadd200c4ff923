using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>The one alert of a test's rule as GET /api/v1/alerts shows it, read through the service's API.</summary>
public static class FiringAlerts
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the rule's alert to fire and returns it (with its id, the fingerprint).</summary>
    public static Task<JsonElement> WaitAsync(AlertingHost host, string ruleId) =>
        Eventually.GetAsync(
            async () => (await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing"))!.SingleOrDefault(),
            alert => alert.ValueKind == JsonValueKind.Object, Patience, "the alert firing");

    /// <summary>The rule's alert now, whatever its state.</summary>
    public static async Task<JsonElement> GetAsync(AlertingHost host, string ruleId) =>
        (await host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}"))!.Single();

    public static async Task<HttpResponseMessage> AcknowledgeAsync(AlertingHost host, string alertId, object body) =>
        await host.Client.PostAsJsonAsync($"/api/v1/alerts/{alertId}/acknowledge", body);
}
