using System.Net;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>A cookie is sent with requests another site triggers; a state-changing request that rides on it must show it came from here.</summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class SessionOriginTests(DefaultGatewayFixture fixture)
{
    private readonly string ownOrigin = fixture.Gateway.Url.GetLeftPart(UriPartial.Authority);

    [Fact(Timeout = 120_000)]
    public async Task State_changing_requests_with_the_session_cookie_need_this_gateways_Origin_and_requests_with_a_key_do_not()
    {
        var cookie = await SignInAsync();

        var (noOrigin, noOriginPath) = await SendAsync(HttpMethod.Post, cookie: cookie);
        var (foreign, foreignPath) = await SendAsync(HttpMethod.Post, cookie: cookie, headers: new() { ["Origin"] = "http://evil.example" });
        var (foreignDelete, foreignDeletePath) = await SendAsync(HttpMethod.Delete, cookie: cookie, headers: new() { ["Origin"] = "http://evil.example" });
        var (sameOrigin, sameOriginPath) = await SendAsync(HttpMethod.Post, cookie: cookie, headers: new() { ["Origin"] = ownOrigin });
        var (fetchSite, fetchSitePath) = await SendAsync(HttpMethod.Post, cookie: cookie, headers: new() { ["Sec-Fetch-Site"] = "same-origin" });
        var (read, readPath) = await SendAsync(HttpMethod.Get, cookie: cookie);
        var (withKey, withKeyPath) = await SendAsync(HttpMethod.Post, key: StandaloneGateway.AdminKey);

        foreach (var (refused, path) in new[] { (noOrigin, noOriginPath), (foreign, foreignPath), (foreignDelete, foreignDeletePath) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused);
            Assert.False(fixture.Services.Saw(path), $"{path} was forwarded");
        }
        foreach (var (allowed, path) in new[] { (sameOrigin, sameOriginPath), (fetchSite, fetchSitePath), (read, readPath), (withKey, withKeyPath) })
        {
            Assert.Equal(HttpStatusCode.OK, allowed);
            Assert.True(fixture.Services.Saw(path), $"{path} was not forwarded");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_login_form_posted_from_another_origin_signs_nobody_in()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = StandaloneGateway.AdminKey }),
        };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private async Task<string> SignInAsync()
    {
        using var client = Client();
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = StandaloneGateway.AdminKey }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<(HttpStatusCode Status, string Path)> SendAsync(HttpMethod method, string? cookie = null, string? key = null, Dictionary<string, string>? headers = null)
    {
        var path = $"/api/v1/silences?probe={Guid.NewGuid():N}";
        using var client = Client();
        using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Get ? null : new StringContent("{}") };
        foreach (var (name, value) in (headers ?? []).Concat(cookie is null ? [] : [KeyValuePair.Create("Cookie", cookie)]).Concat(key is null ? [] : [KeyValuePair.Create("X-Api-Key", key)]))
        {
            request.Headers.Add(name, value);
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, path);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Gateway.Url };
}
