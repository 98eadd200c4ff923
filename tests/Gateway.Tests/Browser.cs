using Microsoft.Playwright;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// Debian's system Chromium driven by Playwright: no browser download. CI needs <c>apt-get install -y chromium</c>;
/// <c>PERFMON_CHROMIUM</c> points elsewhere if the binary lives somewhere else.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static string ExecutablePath => Environment.GetEnvironmentVariable("PERFMON_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A page signed in the way a user does it: the key typed into the login page's form.</summary>
    public async Task<IPage> SignedInPageAsync(Uri gateway, string key)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 }, BaseURL = gateway.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("#signin input[name=key]").FillAsync(key);
        await page.Locator("#signin button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Uri(gateway, "/").ToString());
        return page;
    }

    public static string ScreenshotPath(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PerfMonitor.sln")))
        {
            directory = directory.Parent;
        }
        var images = Path.Combine(directory?.FullName ?? Path.GetTempPath(), "docs", "images");
        Directory.CreateDirectory(images);
        return Path.Combine(images, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        playwright.Dispose();
    }
}
