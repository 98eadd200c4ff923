using System.Net;
using Grpc.Core;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// Failed authentications are limited per client address, and the address is the client's own unless a configured proxy
/// says otherwise. The tests share one gateway (3 failures per 5 minutes): each counts failures from client addresses
/// of its own (127.0.0.x), so no count leaks between tests. The test with a trusted proxy network starts its own.
/// </summary>
public sealed class FailedAuthenticationTests(FailedAuthenticationFixture fixture) : IClassFixture<FailedAuthenticationFixture>
{
    private const string WrongKey = "pm_wrong_00000000000000000000000000000000";

    [Fact(Timeout = 180_000)]
    public async Task After_N_failures_an_address_gets_429_with_Retry_After_even_for_a_right_key_and_other_addresses_do_not()
    {
        var gateway = fixture.Gateway;
        using var client = ClientAddress.From("127.0.0.2", gateway.Url);
        using var neighbour = ClientAddress.From("127.0.0.3", gateway.Url);

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add((await GetAsync(client, WrongKey)).StatusCode);
        }
        using var blocked = await GetAsync(client, StandaloneGateway.ReaderKey);
        using var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = StandaloneGateway.ReaderKey }));
        using var probe = await client.GetAsync("/alive");
        using var other = await GetAsync(neighbour, StandaloneGateway.ReaderKey);

        Assert.All(failures, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.True(blocked.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", blocked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task Wrong_or_unreadable_standard_credentials_count_like_a_wrong_X_Api_Key()
    {
        var gateway = fixture.Gateway;
        using var client = ClientAddress.From("127.0.0.7", gateway.Url);
        using var neighbour = ClientAddress.From("127.0.0.8", gateway.Url);

        var failures = new List<HttpStatusCode>();
        foreach (var authorization in new[] { $"Bearer {WrongKey}", $"Basic {BasicCredentials.Encode("prometheus", WrongKey)}", "Negotiate abc" })
        {
            using var failed = await GetAsync(client, authorization: authorization);
            failures.Add(failed.StatusCode);
        }
        using var blocked = await GetAsync(client, authorization: $"Bearer {StandaloneGateway.ReaderKey}");
        using var other = await GetAsync(neighbour, authorization: $"Basic {BasicCredentials.Encode("prometheus", StandaloneGateway.ReaderKey)}");

        Assert.All(failures, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_blocked_gRPC_caller_gets_RESOURCE_EXHAUSTED()
    {
        var gateway = fixture.Gateway;

        for (var i = 0; i < 3; i++)
        {
            await GrpcProbe.CallAsync(gateway.GrpcUrl, "/perfmon.v1.Query/GetRollups", WrongKey);
        }
        var blocked = await GrpcProbe.CallAsync(gateway.GrpcUrl, "/perfmon.v1.Query/GetRollups", StandaloneGateway.ReaderKey);

        Assert.Equal(StatusCode.ResourceExhausted, blocked.Grpc);
    }

    [Fact(Timeout = 180_000)]
    public async Task Forwarded_headers_from_an_unconfigured_proxy_change_neither_the_client_address_nor_the_scheme()
    {
        var gateway = fixture.Gateway;
        using var client = ClientAddress.From("127.0.0.4", gateway.Url);

        for (var i = 0; i < 3; i++)
        {
            await GetAsync(client, WrongKey, forwardedFor: $"198.51.100.{i + 1}");
        }
        using var rotated = await GetAsync(client, StandaloneGateway.ReaderKey, forwardedFor: "198.51.100.99");
        using var login = await LoginAsync(ClientAddress.From("127.0.0.5", gateway.Url), forwardedProto: "https");

        Assert.Equal(HttpStatusCode.TooManyRequests, rotated.StatusCode);
        Assert.DoesNotContain("secure", login.Headers.GetValues("Set-Cookie").Single().Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 180_000)]
    public async Task Forwarded_headers_from_a_configured_proxy_network_give_the_client_address_and_scheme()
    {
        await using var gateway = await StandaloneGateway.StartAsync(fixture.Services,
            new Dictionary<string, string>(FailedAuthenticationFixture.Limit) { ["Ingress__KnownNetworks__0"] = "127.0.0.0/8" }, environment: "Development");
        using var proxy = ClientAddress.From("127.0.0.6", gateway.Url);

        for (var i = 0; i < 3; i++)
        {
            await GetAsync(proxy, WrongKey, forwardedFor: "203.0.113.7");
        }
        using var sameClient = await GetAsync(proxy, StandaloneGateway.ReaderKey, forwardedFor: "203.0.113.7");
        using var otherClient = await GetAsync(proxy, StandaloneGateway.ReaderKey, forwardedFor: "203.0.113.8");
        using var login = await LoginAsync(proxy, forwardedProto: "https", forwardedFor: "203.0.113.9");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        Assert.Contains("secure", login.Headers.GetValues("Set-Cookie").Single().Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string? key = null, string? forwardedFor = null, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/series");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string forwardedProto, string? forwardedFor = null)
    {
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = StandaloneGateway.ReaderKey }),
            };
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
            return await client.SendAsync(request);
        }
    }
}
