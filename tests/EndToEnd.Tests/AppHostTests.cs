using Microsoft.Playwright;
using PerfMonitor.Embedded.Processes;
using PerfMonitor.EndToEnd.Tests.Support;
using PerfMonitor.Gateway.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>
/// The AppHost program as a user runs it: everything comes up, the printed login link opens the Aspire dashboard
/// (Blazor Server, so the test waits for rows, never the first paint), and a stop or a crash of the AppHost leaves
/// no process behind.
/// </summary>
[Trait("Category", "System")]
public sealed class AppHostTests
{
    private static readonly string[] Services = ["collector", "analytics", "alerting", "gateway"];
    private static readonly string[] Resources = ["metricsdb", "kafka", .. Services];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 600_000)]
    public async Task The_printed_login_link_shows_every_resource_running_every_service_logging_a_sample_traced_and_SIGTERM_leaves_no_process()
    {
        using var data = new TempFolder("perfmon-apphost");
        using var apphost = AppHostProcess.Start(data.Path);
        var console = await apphost.WaitUntilUpAsync(StartTimeout);
        var started = apphost.Descendants();
        var login = apphost.Link("Aspire dashboard:");

        await using var browser = await Browser.LaunchAsync();
        var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(login);
        var resources = await RowsAsync(page, Resources, healthy: true);
        var logged = new List<string>();
        foreach (var service in Services)
        {
            await page.GotoAsync(new Uri(new Uri(login), $"/structuredlogs/resource/{service}").ToString());
            logged.AddRange(await RowsAsync(page, [service], healthy: false));
        }
        await PostSampleAsync(apphost.Link("Gateway:"), File.ReadAllText(Path.Combine(data.Path, "api-key")).Trim());
        await page.GotoAsync(new Uri(new Uri(login), "/traces").ToString());
        var traced = await TraceRowAsync(page);
        await context.CloseAsync();
        apphost.Signal(UnixProcess.SigTerm);
        await apphost.WaitForExitAsync(CleanupTimeout);
        var leftovers = await LeftoversAsync(started);

        Assert.All(Resources, name => Assert.Contains(resources, row => row.StartsWith(name + " Running", StringComparison.Ordinal)));
        Assert.All(Services, name => Assert.Contains(logged, row => row.StartsWith(name + " ", StringComparison.Ordinal)));
        Assert.Contains("gateway", traced, StringComparison.Ordinal);
        Assert.Contains("collector", traced, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(data.Path, "api-key")).Trim(), console, StringComparison.Ordinal);
        Assert.Matches(@"^http://localhost:\d+/login\?t=[A-Za-z0-9_-]{43}$", apphost.Link("PerfMonitor dashboard:"));
        Assert.Empty(leftovers);
        Assert.False(File.Exists(Path.Combine(data.Path, "postgres", "pgdata", "postmaster.pid")), "PostgreSQL did not shut down cleanly");
    }

    [Fact(Timeout = 600_000)]
    public async Task A_SIGKILLed_AppHost_leaves_no_process_behind()
    {
        using var data = new TempFolder("perfmon-apphost-kill");
        using var apphost = AppHostProcess.Start(data.Path);
        await apphost.WaitUntilUpAsync(StartTimeout);
        var started = apphost.Descendants();

        apphost.Signal(UnixProcess.SigKill);
        var leftovers = await LeftoversAsync(started);

        Assert.Contains(started, p => p.CommandLine.Contains("postgres", StringComparison.Ordinal));
        Assert.Contains(started, p => p.CommandLine.Contains("Gateway.Api", StringComparison.Ordinal));
        Assert.Empty(leftovers);
    }

    /// <summary>The grid's rows once each name has one (and, for resources, shows it Running and not Unhealthy).</summary>
    private static async Task<IReadOnlyList<string>> RowsAsync(IPage page, string[] names, bool healthy)
    {
        try
        {
            await page.WaitForFunctionAsync(
            """
            ([names, healthy]) => {
              const rows = Array.from(document.querySelectorAll('[role=row]')).map(r => r.innerText.replace(/\s+/g, ' ').trim());
              return names.every(n => rows.some(r => r.startsWith(n + ' ') && (!healthy || (r.startsWith(n + ' Running') && !r.includes('Unhealthy')))));
            }
            """,
            new object[] { names, healthy },
            new() { Timeout = (float)PageTimeout.TotalMilliseconds, PollingInterval = 500 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{page.Url} never showed rows for {string.Join(", ", names)}; it shows:{Environment.NewLine}{string.Join(Environment.NewLine, await CurrentRowsAsync(page))}", ex);
        }
        return await CurrentRowsAsync(page);
    }

    private static async Task PostSampleAsync(string gateway, string key)
    {
        using var client = new HttpClient { BaseAddress = new Uri(gateway) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var response = await client.PostAsync("/api/v1/samples", new StringContent(
            """{"samples":[{"metric":"http_request_duration_ms","labels":{"service":"shop"},"value":42}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The Traces page's row of a request that crossed the gateway and the collector (the sample's POST).</summary>
    private static async Task<string> TraceRowAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
            """
            () => Array.from(document.querySelectorAll('[role=row]')).map(r => r.innerText.replace(/\s+/g, ' '))
              .some(r => r.includes('gateway') && r.includes('collector'))
            """,
            null,
            new() { Timeout = (float)PageTimeout.TotalMilliseconds, PollingInterval = 500 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{page.Url} never showed the sample's trace crossing gateway and collector; it shows:{Environment.NewLine}{string.Join(Environment.NewLine, await CurrentRowsAsync(page))}", ex);
        }
        return (await CurrentRowsAsync(page)).First(r => r.Contains("gateway", StringComparison.Ordinal) && r.Contains("collector", StringComparison.Ordinal));
    }

    private static async Task<string[]> CurrentRowsAsync(IPage page) =>
        await page.EvalOnSelectorAllAsync<string[]>("[role=row]", "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())");

    /// <summary>What is still alive of what the AppHost started, after giving DCP time to clean up.</summary>
    private static async Task<List<ProcessTree.Entry>> LeftoversAsync(IReadOnlyList<ProcessTree.Entry> started)
    {
        var deadline = DateTime.UtcNow + CleanupTimeout;
        var alive = started.Where(p => ProcessTree.IsAlive(p.Pid)).ToList();
        while (alive.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            alive = alive.Where(p => ProcessTree.IsAlive(p.Pid)).ToList();
        }
        return alive;
    }
}
