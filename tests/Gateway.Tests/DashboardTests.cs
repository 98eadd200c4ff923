using System.Collections.Specialized;
using System.Globalization;
using System.Net.Http.Json;
using System.Web;
using Microsoft.Playwright;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>The dashboard in real headless Chromium against the whole system; each test saves a screenshot into docs/images.</summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class DashboardTests(SystemFixture system) : IAsyncLifetime
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private Browser browser = null!;

    public async Task InitializeAsync() => browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task The_overview_shows_data_the_test_posted()
    {
        var service = $"checkout{Guid.NewGuid():N}"[..14];
        await PostAsync("http_request_duration_ms", service, 40, 55, 61, 48, 230);
        await PostAsync("http_requests_total", service, 1, 2, 3);

        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        await page.GotoAsync("/#/overview");

        // The ingest rate counted at the gateway includes the test's requests.
        await page.WaitForFunctionAsync("() => Number(document.getElementById('ingest-rate').dataset.requests) > 0", null, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#score-value")).ToBeVisibleAsync();
        // When analytics scores services, the posted one gets a tile.
        var scores = await system.Gateway.GetAsync("/api/v1/health-scores");
        if (scores.IsSuccessStatusCode)
        {
            await Assertions.Expect(page.Locator($".tile[data-service='{service}']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-overview.png"), FullPage = true });
    }

    [Fact(Timeout = 120_000)]
    public async Task The_overview_colours_scores_by_the_bands_the_gateway_serves()
    {
        var service = $"bands{Guid.NewGuid():N}"[..13];
        await PostAsync("http_request_duration_ms", service, 40, 55, 61);
        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        // A test double of the gateway's answer: one band no built-in definition has, so every score falls in it.
        await page.RouteAsync("**/api/v1/score-bands", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """{"bands":[{"name":"served-band","minimum":0}],"unknown":"unknown"}""",
        }));

        await page.ReloadAsync();
        var bars = page.Locator($".tile[data-service='{service}'] .bar span");
        await Assertions.Expect(bars.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var classes = await bars.EvaluateAllAsync<string[]>("spans => spans.map(span => span.className)");

        Assert.All(classes, name => Assert.Equal("served-band", name));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_explorer_draws_the_chart_of_a_posted_metric()
    {
        var service = $"search{Guid.NewGuid():N}"[..12];
        await PostRecentSeriesAsync(service);

        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        await page.GotoAsync($"/#/explorer?metric=http_request_duration_ms&labels=service:{service}&range=60&step=1m");

        await Assertions.Expect(page.Locator("#chart canvas")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#ex-meta")).ToContainTextAsync("points", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(".u-legend")).ToContainTextAsync("p95");
        Assert.DoesNotContain(" 0 points", await page.Locator("#ex-meta").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-explorer.png"), FullPage = true });
    }

    [Fact(Timeout = 120_000)]
    public async Task The_explorer_opens_a_notifications_link_at_its_time_range_and_the_url_follows_the_range_shown()
    {
        var service = $"linked{Guid.NewGuid():N}"[..14];
        await PostRecentSeriesAsync(service);
        // As a firing alert's explorer_url has it: from a margin before the alert started to a margin after now.
        var from = Second(DateTimeOffset.UtcNow.AddMinutes(-10));
        var to = Second(DateTimeOffset.UtcNow.AddMinutes(5));
        var link = $"/#/explorer?metric=http_request_duration_ms&labels={Uri.EscapeDataString($"service:{service}")}&from={Uri.EscapeDataString(Iso(from))}&to={Uri.EscapeDataString(Iso(to))}&range=15&step=1m";
        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);

        var opened = await page.RunAndWaitForRequestAsync(() => page.GotoAsync(link), IsRollups);

        Assert.Equal((from, to), Window(opened));
        Assert.Equal($"service:{service}", Query(opened)["labels"]);
        await Assertions.Expect(page.Locator("#chart")).ToHaveAttributeAsync("data-from", Js(from), new() { Timeout = 15_000 });
        Assert.DoesNotContain(" 0 points", await page.Locator("#ex-meta").InnerTextAsync());
        Assert.Equal("pinned", await page.Locator("#ex-range").InputValueAsync());
        Assert.Equal((from, to), PinnedIn(await LocationAsync(page)));

        // Picking a range draws the last hour, back from now, and the URL says so.
        // (A poll of the linked window may cross the pick: the request that follows the pick is the first of another window.)
        var picked = await page.RunAndWaitForRequestAsync(() => page.Locator("#ex-range").SelectOptionAsync("60"), r => IsRollups(r) && Window(r) != (from, to));
        var (hourFrom, hourTo) = Window(picked);
        Assert.Equal(TimeSpan.FromHours(1), hourTo - hourFrom);
        var location = await LocationAsync(page);
        Assert.Equal("60", location["range"]);
        Assert.Null(location["from"]);

        // A range dragged on the chart is pinned, in the URL too.
        await page.WaitForFunctionAsync("() => { const c = document.getElementById('chart'); return new Date(c.dataset.to) - new Date(c.dataset.from) === 3600000; }", null, new() { Timeout = 15_000 });
        var plot = (await page.Locator("#chart .u-over").BoundingBoxAsync())!;
        var dragged = await page.RunAndWaitForRequestAsync(async () =>
        {
            await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.5f), plot.Y + (plot.Height / 2));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(plot.X + (plot.Width * 0.9f), plot.Y + (plot.Height / 2), new() { Steps = 8 });
            await page.Mouse.UpAsync();
        }, r => IsRollups(r) && Window(r).To - Window(r).From != TimeSpan.FromHours(1));
        var (dragFrom, dragTo) = Window(dragged);
        Assert.InRange(dragTo - dragFrom, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(28));
        Assert.Equal("pinned", await page.Locator("#ex-range").InputValueAsync());
        Assert.Equal((dragFrom, dragTo), PinnedIn(await LocationAsync(page)));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_rule_created_in_the_form_shows_validation_errors_then_appears_in_the_list_and_fires()
    {
        var host = $"db{Guid.NewGuid():N}"[..10];
        var name = $"CPU hot on {host}";
        var page = await browser.SignedInPageAsync(system.App.GatewayUrl, system.App.ApiKey);
        await page.GotoAsync("/#/alerts");
        var form = page.Locator("#rule-form");

        // Saved empty: the service's validation errors show next to the fields.
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator(".field-error").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-rule-validation.png"), FullPage = true });

        await form.Locator("[name=name]").FillAsync(name);
        await form.Locator("[name=kind]").SelectOptionAsync("threshold");
        await form.Locator("[name=metric]").FillAsync("cpu_usage_percent");
        await form.Locator("[name=labels]").FillAsync($"host:{host}");
        await form.Locator("[name=aggregation]").SelectOptionAsync("max");
        await form.Locator("[name=window]").FillAsync("1m");
        await form.Locator("[name=condition]").SelectOptionAsync("greater_than");
        await form.Locator("[name=threshold]").FillAsync("90");
        await form.Locator("[name=for]").FillAsync("0s");
        await form.Locator("[name=severity]").SelectOptionAsync("critical");
        await form.Locator("[name=webhookUrl]").FillAsync(system.Webhooks.Url.ToString());
        await form.Locator("button[type=submit]").ClickAsync();

        var row = page.Locator("#rules-table tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-alerts.png"), FullPage = true });

        await Task.Delay(TimeSpan.FromSeconds(2)); // the evaluator picks the new rule up
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { new { metric = "cpu_usage_percent", labels = new Dictionary<string, string> { ["host"] = host }, value = 97.0, timestamp = DateTimeOffset.UtcNow } },
        })).EnsureSuccessStatusCode();

        await Eventually.GetAsync(
            () => Task.FromResult(system.Webhooks.Received.ToList()),
            received => received.Any(r => r.Body.GetRawText().Contains(host, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the webhook of the rule created in the form");

        await page.Locator("[data-sub=firing]").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts-table tbody tr", new() { HasText = name })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-alerts-firing.png"), FullPage = true });
        await page.Locator("[data-sub=notifications]").ClickAsync();
        await Assertions.Expect(page.Locator("#notifications-table tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-notifications.png"), FullPage = true });
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_a_session_the_dashboard_asks_for_a_key_and_the_docs_page_loads_locally()
    {
        var context = await browser.Instance.NewContextAsync(new() { BaseURL = system.App.GatewayUrl.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(system.App.GatewayUrl.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#signin")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("dashboard-signin.png") });
        await page.GotoAsync("/docs/");
        await Assertions.Expect(page.GetByText("PerfMonitor API").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Browser.ScreenshotPath("api-docs.png") });

        Assert.Empty(external);
    }

    /// <summary>Thirty samples over the last two minutes, one spike among them, and waits until they are rolled up.</summary>
    private async Task PostRecentSeriesAsync(string service)
    {
        var now = DateTimeOffset.UtcNow;
        var samples = Enumerable.Range(0, 30).Select(i => new
        {
            metric = "http_request_duration_ms",
            labels = new Dictionary<string, string> { ["service"] = service },
            value = 40.0 + (i % 7) * 9 + (i == 25 ? 400 : 0),
            timestamp = now.AddSeconds(-4 * i),
        });
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples })).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/rollups?metric=http_request_duration_ms&labels=service:{service}&step=1m"),
            body => body.GetProperty("points").GetArrayLength() >= 2, Freshness, "rollup points of the posted metric");
    }

    private static bool IsRollups(IRequest request) => request.Url.Contains("/api/v1/rollups?", StringComparison.Ordinal);

    private static NameValueCollection Query(IRequest request) => HttpUtility.ParseQueryString(new Uri(request.Url).Query);

    /// <summary>The from and to the explorer asked the gateway for.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Window(IRequest request) => PinnedIn(Query(request));

    private static (DateTimeOffset From, DateTimeOffset To) PinnedIn(NameValueCollection query) =>
        (DateTimeOffset.Parse(query["from"]!, CultureInfo.InvariantCulture), DateTimeOffset.Parse(query["to"]!, CultureInfo.InvariantCulture));

    /// <summary>The query of the page's URL as it is now (the explorer's lives after the #).</summary>
    private static async Task<NameValueCollection> LocationAsync(IPage page) =>
        HttpUtility.ParseQueryString((await page.EvaluateAsync<string>("() => location.hash")).Split('?', 2)[^1]);

    /// <summary>A time as notification links write it: whole seconds, UTC.</summary>
    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time as JavaScript's toISOString writes it.</summary>
    private static string Js(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Second(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    private async Task PostAsync(string metric, string service, params double[] values)
    {
        var now = DateTimeOffset.UtcNow;
        var samples = values.Select(v => new { metric, labels = new Dictionary<string, string> { ["service"] = service }, value = v, timestamp = now });
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples })).EnsureSuccessStatusCode();
    }
}
