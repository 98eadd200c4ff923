using System.Net;
using System.Net.Http.Json;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>Signing a browser in without a key in any URL, and the session cookie outside Development.</summary>
public sealed class SignInLinkTests(SignInLinkFixture fixture) : IClassFixture<SignInLinkFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task The_sign_in_link_signs_a_browser_in_as_admin_once_and_a_second_use_gets_a_page_saying_to_use_the_key()
    {
        using var browser = Browser();

        using var wrong = await browser.GetAsync("/login?t=00000000000000000000000000000000");
        using var first = await browser.GetAsync($"/login?t={SignInLinkFixture.Token}");
        var cookie = SessionCookie(first);
        using var me = await WithCookie(HttpMethod.Get, "/api/v1/me", cookie);
        using var second = await browser.GetAsync($"/login?t={SignInLinkFixture.Token}");
        var page = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location?.OriginalString);
        Assert.Equal("admin", (await me.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["name"].ToString());
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Contains("Sign in with the API key", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/login\"", page, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Outside_Development_the_session_cookie_is_Secure_HttpOnly_SameSite_Strict_and_Host_prefixed()
    {
        using var browser = Browser();

        using var login = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = StandaloneGateway.ReaderKey }));
        var setCookie = login.Headers.GetValues("Set-Cookie").Single();

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("__Host-perfmon_session=", setCookie, StringComparison.Ordinal);
        foreach (var attribute in new[] { "secure", "httponly", "samesite=strict", "path=/" })
        {
            Assert.Contains(attribute, setCookie.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(StandaloneGateway.ReaderKey, setCookie, StringComparison.Ordinal);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("ApiKeys__weak__Key", "0123456789abcdef", "ApiKeys:weak:Key")]
    [InlineData("ApiKeys__weak__Key", "Password123", "ApiKeys:weak:Key")]
    [InlineData("Access__SignInToken", "0123456789abcdef0123", "Access:SignInToken")]
    public async Task A_key_or_sign_in_token_under_128_bits_stops_the_gateway_at_start_naming_the_setting(string setting, string value, string named)
    {
        var (exitCode, output) = await StandaloneGateway.RunUntilExitAsync(fixture.Services, new Dictionary<string, string> { [setting] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.Contains("128", output, StringComparison.Ordinal);
    }

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Gateway.Url };

    /// <summary>The session cookie's name=value: Secure cookies are not kept by HttpClient over http, so tests carry it themselves.</summary>
    private static string SessionCookie(HttpResponseMessage response) => response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

    private async Task<HttpResponseMessage> WithCookie(HttpMethod method, string path, string cookie)
    {
        using var client = Browser();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
