using System.Net;
using System.Text.Json;
using PerfMonitor.EndToEnd.Tests;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class OpenApiTests(SystemFixture system)
{
    [Fact(Timeout = 60_000)]
    public async Task The_OpenAPI_document_is_public_and_describes_every_forwarded_route_with_examples()
    {
        using var anonymous = new HttpClient { BaseAddress = system.App.GatewayUrl };

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var docs = await anonymous.GetAsync("/docs/");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/samples", "/v1/metrics", "/api/v1/write", "/api/v1/series", "/api/v1/rollups", "/api/v1/anomalies",
            "/api/v1/health-scores", "/api/v1/overview", "/api/v1/alert-rules", "/api/v1/alert-rules/{id}", "/api/v1/alerts", "/api/v1/silences", "/api/v1/notifications",
            "/api/v1/rpc/query/rollups", "/api/v1/rpc/alerts/rules", "/api/v1/rpc/alerts/rules/{id}", "/api/v1/rpc/alerts" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not documented");
        }
        var example = paths.GetProperty("/api/v1/samples").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.True(example.GetProperty("samples").GetArrayLength() > 0);
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }
}
