using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

[Trait("Category", "System")]
public sealed class AlertmanagerTests(AlertingHost host, AlertmanagerProcess alertmanager) : IClassFixture<AlertingHost>, IClassFixture<AlertmanagerProcess>
{
    [Fact(Timeout = 90_000)]
    public async Task A_firing_alert_pushed_to_a_real_Alertmanager_appears_in_its_api_v2_alerts()
    {
        var name = $"PerfMonitorProbe{Guid.NewGuid():N}"[..24];
        var series = new Dictionary<string, string> { ["host"] = $"am-{Guid.NewGuid():N}"[..12] };
        await host.CreateRuleAsync(new
        {
            name,
            kind = "threshold",
            metric = "am_probe",
            labels = series,
            aggregation = "max",
            window = "1m",
            condition = "greater_than",
            threshold = 90,
            severity = "critical",
            webhookUrl = alertmanager.Url.ToString(),
            format = "alertmanager_api",
        });

        await host.ProduceAsync("am_probe", series, 97);
        using var http = new HttpClient { BaseAddress = alertmanager.Url };
        var alerts = await Eventually.GetAsync(
            () => http.GetFromJsonAsync<List<JsonElement>>($"/api/v2/alerts?filter=alertname%3D%22{name}%22")!,
            found => found!.Count == 1, TimeSpan.FromSeconds(30), "the alert in Alertmanager");

        var alert = alerts![0];
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("critical", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(series["host"], alert.GetProperty("labels").GetProperty("host").GetString());
        Assert.StartsWith("am_probe = 97", alert.GetProperty("annotations").GetProperty("summary").GetString()![(name.Length + 2)..], StringComparison.Ordinal);
    }
}
