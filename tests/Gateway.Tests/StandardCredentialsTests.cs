using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// The key in standard credentials, for tools that can send nothing else (Prometheus, Grafana, promtool):
/// <c>Authorization: Bearer &lt;key&gt;</c> or Basic with the key as the password, on REST and in gRPC metadata.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class StandardCredentialsTests(DefaultGatewayFixture fixture)
{
    private const string ScopesHeader = "X-PerfMonitor-Scopes";
    private readonly StandInService services = fixture.Services;
    private readonly StandaloneGateway gateway = fixture.Gateway;

    public static TheoryData<string> AcceptedForms => new()
    {
        $"Bearer {StandaloneGateway.ReaderKey}",
        $"bearer {StandaloneGateway.ReaderKey}",
        $"Basic {BasicCredentials.Encode("grafana", StandaloneGateway.ReaderKey)}",
        $"Basic {BasicCredentials.Encode("", StandaloneGateway.ReaderKey)}",
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(AcceptedForms))]
    public async Task The_key_as_Bearer_or_Basic_password_authenticates_on_REST_and_is_not_forwarded(string authorization)
    {
        var probe = $"/api/v1/series?probe={Guid.NewGuid():N}";
        using var client = new HttpClient { BaseAddress = gateway.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, probe);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);
        var forwarded = services.HeadersOf(probe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("read", forwarded[ScopesHeader]);
        Assert.False(forwarded.ContainsKey("Authorization"));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(AcceptedForms))]
    public async Task The_key_in_gRPC_authorization_metadata_authenticates_and_is_not_forwarded(string authorization)
    {
        var before = services.Received.Count(r => r.PathAndQuery == "/perfmon.v1.Query/ListSeries");

        var answer = await GrpcProbe.CallAsync(gateway.GrpcUrl, "/perfmon.v1.Query/ListSeries", key: null,
            headers: new Dictionary<string, string> { ["authorization"] = authorization });

        Assert.Equal(StatusCode.OK, answer.Grpc);
        Assert.Equal(before + 1, services.Received.Count(r => r.PathAndQuery == "/perfmon.v1.Query/ListSeries"));
        Assert.False(services.HeadersOf("/perfmon.v1.Query/ListSeries").ContainsKey("authorization"));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_standard_credential_carries_its_keys_scope_and_no_more()
    {
        using var client = new HttpClient { BaseAddress = gateway.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StandaloneGateway.IngesterKey);

        using var read = await client.GetAsync("/api/v1/series");
        using var write = await client.PostAsync("/api/v1/write", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_same_key_in_two_headers_is_one_key()
    {
        using var client = new HttpClient { BaseAddress = gateway.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/series");
        request.Headers.Add("X-Api-Key", StandaloneGateway.ReaderKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StandaloneGateway.ReaderKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string?, string> Refused => new()
    {
        // Two different keys: refused although each is right on its own.
        { StandaloneGateway.ReaderKey, $"Bearer {StandaloneGateway.AdminKey}" },
        { StandaloneGateway.AdminKey, $"Basic {BasicCredentials.Encode("x", StandaloneGateway.ReaderKey)}" },
        // No key can be read.
        { null, $"Digest username=\"x\", response=\"{StandaloneGateway.ReaderKey}\"" },
        { null, "Basic not-base64!" },
        { null, $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(StandaloneGateway.ReaderKey))}" },
        { null, "Bearer" },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Refused))]
    public async Task Two_different_keys_or_an_unreadable_Authorization_get_401_and_reach_no_service(string? apiKey, string authorization)
    {
        var probe = $"/api/v1/series?probe={Guid.NewGuid():N}";
        // An address of its own: these refusals count as failed authentications of the address.
        using var client = ClientAddress.From("127.0.0.31", gateway.Url);
        using var request = new HttpRequestMessage(HttpMethod.Get, probe);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.Select(challenge => challenge.Scheme));
        Assert.DoesNotContain(StandaloneGateway.ReaderKey, problem.GetRawText());
        Assert.False(services.Saw(probe));
    }
}
