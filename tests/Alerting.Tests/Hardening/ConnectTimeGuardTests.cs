using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Hosting;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>The service as production runs it: webhooks to private addresses are refused.</summary>
public sealed class StrictTargetsHost : AlertingHost
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Alerting:AllowPrivateWebhookTargets"] = "false";
}

/// <summary>
/// Targets that got past the save-time check (saved before a rule change, or a name that resolves elsewhere later) are
/// refused again at connect time, against the address actually connected to; a real listener there sees no connection.
/// </summary>
public sealed class ConnectTimeGuardTests(StrictTargetsHost host) : IClassFixture<StrictTargetsHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory(Timeout = 90_000)]
    [InlineData("127.0.0.2", "http://[::ffff:127.0.0.2]:{0}/hook", "json")]
    [InlineData("127.0.0.1", "http://localhost:{0}/hook", "json")]
    [InlineData("127.0.0.3", "http://0x7f.0.0.3:{0}/hook", "slack")]
    [InlineData("127.0.0.4", "http://2130706436:{0}/", "alertmanager_api")]
    public async Task A_stored_target_that_connects_to_a_loopback_address_is_refused_and_never_reached(string listenOn, string template, string format)
    {
        using var listener = new TcpListener(IPAddress.Parse(listenOn), FreePort.Next());
        listener.Start();
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ((IPEndPoint)listener.LocalEndpoint).Port);
        var ruleId = await RuleStoredWithAsync(url, format);

        await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId.ToString()),
            l => l.Count == 1 && l[0].GetProperty("lastError").ValueKind == JsonValueKind.String, Patience, "the refused attempt");

        Assert.Contains("refused", log[0].GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("private", log[0].GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(listener.Pending(), $"{url} was connected to");
    }

    /// <summary>Saves a rule with a public receiver, then points it at <paramref name="url"/> behind the API's back.</summary>
    private async Task<Guid> RuleStoredWithAsync(string url, string format)
    {
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule("https://hooks.example.com/hook", format))).GetProperty("id").GetString()!);
        await using var command = host.Database.CreateCommand("UPDATE perfmon.alert_rules SET webhook_url = $2 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(url);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
