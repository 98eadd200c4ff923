using System.Net;
using System.Net.Http.Json;
using PerfMonitor.EndToEnd.Tests;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class AccessControlTests(SystemFixture system)
{
    private static readonly object Rule = new
    {
        name = "scope check",
        kind = "threshold",
        metric = "cpu_usage_percent",
        aggregation = "max",
        window = "1m",
        condition = "greater_than",
        threshold = 90,
        @for = "0s",
        severity = "warning",
        webhookUrl = "http://127.0.0.1:9/hook",
    };

    [Fact(Timeout = 60_000)]
    public async Task A_missing_or_wrong_key_gets_401_problem_json()
    {
        using var anonymous = Client(null);
        using var wrong = Client("pm_not_a_real_key");

        var missing = await anonymous.GetAsync("/api/v1/rollups?metric=cpu");
        var mismatched = await wrong.GetAsync("/api/v1/rollups?metric=cpu");

        foreach (var response in new[] { missing, mismatched })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.DoesNotContain("pm_not_a_real_key", await mismatched.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_read_key_can_read_but_writing_a_rule_or_silence_gets_403()
    {
        using var reader = Client(system.ReaderKey);

        var read = await reader.GetAsync("/api/v1/alert-rules");
        var writeRule = await reader.PostAsJsonAsync("/api/v1/alert-rules", Rule);
        var writeSilence = await reader.PostAsJsonAsync("/api/v1/silences", new { matchers = Array.Empty<object>() });
        var ingest = await reader.PostAsJsonAsync("/api/v1/samples", new { samples = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeRule.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writeSilence.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        Assert.Equal("application/problem+json", writeRule.Content.Headers.ContentType?.MediaType);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_ingest_key_can_send_samples_but_not_read_them()
    {
        using var ingester = Client(system.IngesterKey);

        var post = await ingester.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new[] { new { metric = "scope_probe", labels = new Dictionary<string, string> { ["service"] = "scopes" }, value = 1.0 } },
        });
        var read = await ingester.GetAsync("/api/v1/rollups?metric=scope_probe");

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_per_key_rate_limit_answers_429_with_Retry_After()
    {
        using var limited = Client(system.LimitedKey);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await limited.GetAsync("/api/v1/overview"));
        }

        var rejected = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(rejected);
        Assert.True(int.Parse(rejected.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        // Other keys have their own buckets.
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway.GetAsync("/api/v1/overview")).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Login_takes_the_key_in_a_POST_form_and_sets_an_HttpOnly_SameSite_Strict_cookie_that_signs_the_browser_in()
    {
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = system.App.GatewayUrl };

        using var page = await browser.GetAsync("/login");
        using var failed = await browser.PostAsync("/login", Form(system.ReaderKey + "x"));
        using var login = await browser.PostAsync("/login", Form(system.ReaderKey));
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Add("Cookie", setCookie.Split(';')[0]);
        var who = await (await browser.SendAsync(me)).Content.ReadFromJsonAsync<Dictionary<string, object>>();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/login\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Contains("not valid", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(failed.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        // The whole-system gateway runs in Development: the plain name, Secure only over HTTPS (SignInLinkTests covers Production).
        Assert.StartsWith("perfmon_session=", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(system.ReaderKey, setCookie);
        Assert.Equal("reader", who!["name"].ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_key_in_the_login_URL_signs_nobody_in()
    {
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = system.App.GatewayUrl };

        using var response = await browser.GetAsync($"/login?key={Uri.EscapeDataString(system.ReaderKey)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("not accepted in links", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_response_carries_the_security_headers_and_probes_stay_anonymous()
    {
        using var anonymous = Client(null);

        foreach (var response in new[] { await anonymous.GetAsync("/health"), await anonymous.GetAsync("/alive"), await system.Gateway.GetAsync("/api/v1/alert-rules") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    private static FormUrlEncodedContent Form(string key) => new(new Dictionary<string, string> { ["key"] = key });

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = system.App.GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }
}
