using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Alerting.Webhooks;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>The service as production runs it (webhooks to private addresses refused), with names a test controls.</summary>
public sealed class StrictTargetsHost : AlertingHost
{
    public FakeDnsResolver Resolver { get; } = WebhookTargetCases.Resolver();

    protected override void Configure(Dictionary<string, string?> settings) => settings["Alerting:AllowPrivateWebhookTargets"] = "false";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IHostResolver>(Resolver);
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

    [Fact(Timeout = 90_000)]
    public async Task A_name_that_resolved_to_a_public_address_when_saved_and_to_loopback_when_sent_is_refused_and_never_reached()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        host.Resolver.Set("rebound.rebind.test", "93.184.216.34");
        var ruleId = (await host.CreateRuleAsync(DeliveryTests.Rule($"http://rebound.rebind.test:{port}/hook"))).GetProperty("id").GetString()!;
        host.Resolver.Set("rebound.rebind.test", "127.0.0.1");

        await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId),
            l => l.Count == 1 && l[0].GetProperty("status").GetString() == "dead", Patience, "the refused notification dead-lettered");

        Assert.Contains("127.0.0.1", log[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains("refused", log[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("http://internal.rebind.test/hook", "json")]
    [InlineData("http://metadata.rebind.test:9093", "alertmanager_api")]
    [InlineData("http://[::ffff:169.254.169.254]/latest/meta-data/", "slack")]
    public async Task Saving_a_rule_whose_webhook_reaches_a_refused_address_is_a_problem_naming_webhookUrl(string url, string format)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/alert-rules", DeliveryTests.Rule(url, format));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["webhookUrl"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("refused", problem.GetProperty("errors").GetProperty("webhookUrl")[0].GetString(), StringComparison.Ordinal);
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
