using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// The dashboard's alerting screens in headless Chromium against the whole system: acknowledging an alert, receivers
/// (list, create, edit with the write-only secret, delete) and the routing tree (YAML editor, dry run). Every step waits
/// for the rows the page renders from the gateway's answers, never for a first paint.
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class AlertingScreensTests(SystemFixture system) : IAsyncLifetime
{
    private static readonly PageWaitForSelectorOptions Rows = new() { Timeout = 15_000 };
    private Browser browser = null!;

    public async Task InitializeAsync() => browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task A_firing_alert_is_acknowledged_in_the_alert_view_which_then_shows_who_and_when()
    {
        var host = $"ack{Guid.NewGuid():N}"[..11];
        var rule = await system.Gateway.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = $"Disk full on {host}", kind = "threshold", metric = "disk_used_percent", labels = new Dictionary<string, string> { ["host"] = host },
            aggregation = "max", window = "1m", condition = "greater_than", threshold = 90, @for = "0s", severity = "critical", webhookUrl = system.Webhooks.Url.ToString(),
        });
        var ruleId = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the evaluator picks the new rule up
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { new { metric = "disk_used_percent", labels = new Dictionary<string, string> { ["host"] = host }, value = 97.0, timestamp = DateTimeOffset.UtcNow } },
        })).EnsureSuccessStatusCode();
        var alert = await Eventually.GetAsync(
            async () => (await system.Gateway.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}&state=firing"))!.SingleOrDefault(),
            a => a.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), "the alert firing");
        var id = alert.GetProperty("id").GetString();
        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(dialog.Message.StartsWith("Acknowledge", StringComparison.Ordinal) ? "alice" : "checking the disk");

        await page.GotoAsync("/#/alerts");
        await page.Locator("[data-sub=firing]").ClickAsync();
        await page.WaitForSelectorAsync($"button[data-acknowledge='{id}']", Rows);
        await page.Locator($"button[data-acknowledge='{id}']").ClickAsync();

        var acknowledged = page.Locator($"[data-acknowledged='{id}']");
        await Assertions.Expect(acknowledged).ToContainTextAsync("acknowledged by alice at", new() { Timeout = 15_000 });
        await Assertions.Expect(acknowledged).ToContainTextAsync("checking the disk");
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-alert-acknowledged.png"), FullPage = true });
        var view = (await system.Gateway.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={ruleId}"))!.Single();
        Assert.Equal("alice", view.GetProperty("acknowledgedBy").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_acknowledge_link_needs_no_key_but_the_acknowledge_api_does()
    {
        using var anonymous = new HttpClient { BaseAddress = system.App.GatewayUrl };

        var link = await anonymous.GetAsync("/ack/not-a-signed-token");
        var api = await anonymous.PostAsJsonAsync("/api/v1/alerts/0123456789abcdef/acknowledge", new { by = "mallory" });

        // Forwarded without a key, and refused by alerting for what it is: not a token it signed.
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        Assert.Contains("not valid", await link.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Receivers_are_created_edited_and_deleted_in_the_dashboard_and_the_secret_is_never_shown()
    {
        var name = $"dash-{Guid.NewGuid():N}"[..14];
        const string Secret = "dashboard-signing-key";
        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync("/#/alerts");
        await page.Locator("[data-sub=receivers]").ClickAsync();
        await page.WaitForSelectorAsync("#receivers-table tbody tr", Rows);
        var form = page.Locator("#receiver-form");

        // A PagerDuty receiver without its routing key: the service's refusal shows in the form.
        await form.Locator("[name=name]").FillAsync(name);
        await form.Locator("[name=kind]").SelectOptionAsync("pagerduty");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator("[name=secret].invalid")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await form.Locator("[name=kind]").SelectOptionAsync("webhook");
        await form.Locator("[name=url]").FillAsync(system.Webhooks.Url.ToString());
        await form.Locator("[name=secret]").FillAsync(Secret);
        await form.Locator("button[type=submit]").ClickAsync();
        var row = page.Locator($"#receivers-table tr[data-receiver='{name}']");
        await Assertions.Expect(row).ToContainTextAsync("set", new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-receivers.png"), FullPage = true });

        // Edited without touching the secret: the stored one stays.
        await row.Locator("button", new() { HasText = "Edit" }).ClickAsync();
        Assert.Equal("", await form.Locator("[name=secret]").InputValueAsync());
        await form.Locator("[name=sendResolved]").UncheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("no", new() { Timeout = 10_000 });
        var stored = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/receivers/{name}");
        Assert.True(stored.GetProperty("hasSecret").GetBoolean());
        Assert.DoesNotContain(Secret, stored.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);

        await row.Locator("button", new() { HasText = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    [Fact(Timeout = 120_000)]
    public async Task The_routing_tree_is_edited_as_yaml_and_the_dry_run_names_the_receivers_an_alert_reaches()
    {
        var team = await ReceiverAsync("team");
        var oncall = await ReceiverAsync("oncall");
        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        await page.GotoAsync("/#/alerts");
        await page.Locator("[data-sub=routing]").ClickAsync();
        await page.WaitForSelectorAsync("#routing-yaml[data-loaded=true]", Rows);
        var editor = page.Locator("#routing-yaml");

        await editor.FillAsync("route:\n  receiver: nobody-by-this-name\n");
        await page.Locator("#routing-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#routing-form-error")).ToContainTextAsync("route.receiver", new() { Timeout = 10_000 });

        await editor.FillAsync($"""
            route:
              receiver: {team}
              group_by: [alertname]
              routes:
              - matchers: ['service="checkout"']
                receiver: {oncall}
                escalate_after: 15m
                escalate_to: {team}
            """);
        await page.Locator("#routing-form button[type=submit]").ClickAsync();
        // The save's answer, not the form's state: the error is cleared and the editor holds the text before the PUT returns.
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Routing saved", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#routing-form-error")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"escalate_to: {team}"), new() { Timeout = 10_000 });

        await page.Locator("#dry-run-form [name=labels]").FillAsync("alertname=CheckoutDown,service=checkout,severity=critical");
        await page.Locator("#dry-run-form button[type=submit]").ClickAsync();
        var reached = page.Locator($"#dry-run-result li[data-receiver='{oncall}']");
        await Assertions.Expect(reached).ToContainTextAsync($"escalates to {team} after 15m", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#dry-run-result li")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-routing.png"), FullPage = true });
    }

    /// <summary>A webhook receiver to a closed loopback port: the routing test's tree must not send the system's alerts anywhere that listens.</summary>
    private async Task<string> ReceiverAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..14];
        (await system.Gateway.PostAsJsonAsync("/api/v1/receivers", new { name, kind = "webhook", url = "http://127.0.0.1:9/routing-test" })).EnsureSuccessStatusCode();
        return name;
    }
}
