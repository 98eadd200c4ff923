using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Contracts.V1;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

/// <summary>The perfmon.v1 gRPC methods as JSON at /api/v1/rpc/..., through the real gateway to the transcoding services.</summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class JsonTranscodingTests(SystemFixture system)
{
    [Fact(Timeout = 90_000)]
    public async Task Transcoded_REST_rollups_are_the_same_message_as_the_gRPC_answer()
    {
        var service = $"jt{Guid.NewGuid():N}"[..12];
        var now = DateTimeOffset.UtcNow;
        var samples = new[] { 5.0, 9.0, 27.0 }.Select(v => new { metric = "transcoded_latency_ms", labels = new Dictionary<string, string> { ["service"] = service }, value = v, timestamp = now });
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples })).EnsureSuccessStatusCode();
        var request = new RollupsRequest
        {
            Metric = "transcoded_latency_ms", Labels = $"service:{service}", Step = "1m",
            From = now.AddMinutes(-5).ToString("O"), To = now.AddMinutes(2).ToString("O"),
        };
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var reader = new Metadata { { "x-api-key", system.ReaderKey } };
        var grpc = await Eventually.GetAsync(
            async () => await new Query.QueryClient(channel).GetRollupsAsync(request, reader),
            response => response.Points.Sum(p => p.Count) == 3,
            TimeSpan.FromSeconds(20), "3 samples in the gRPC rollups");

        using var rest = new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/rpc/query/rollups?metric={request.Metric}&labels={request.Labels}&step=1m&from={Uri.EscapeDataString(request.From)}&to={Uri.EscapeDataString(request.To)}");
        rest.Headers.Add("X-Api-Key", system.ReaderKey);
        using var response = await system.Gateway.SendAsync(rest);
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("analytics", response.Headers.GetValues("X-PerfMonitor-Service").Single());
        Assert.Equal(grpc, JsonParser.Default.Parse<RollupsResponse>(json));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rule_created_over_transcoded_REST_is_the_rule_gRPC_reads_and_a_read_key_may_not_create_one()
    {
        var spec = new { name = $"transcoded {Guid.NewGuid():N}", kind = "threshold", metric = "cpu_usage_percent", aggregation = "avg", window = "1m", condition = "greater_than", threshold = 95, severity = "warning" };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rpc/alerts/rules") { Content = JsonContent.Create(spec) };
        using var denied = new HttpRequestMessage(HttpMethod.Post, "/api/v1/rpc/alerts/rules") { Content = JsonContent.Create(spec) };
        denied.Headers.Add("X-Api-Key", system.ReaderKey);

        using var created = await system.Gateway.SendAsync(create);
        var rest = JsonParser.Default.Parse<AlertRule>(await created.Content.ReadAsStringAsync());
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var grpc = await new Alerts.AlertsClient(channel).GetRuleAsync(new GetRuleRequest { Id = rest.Id }, new Metadata { { "x-api-key", system.ReaderKey } });
        using var forbidden = await system.Gateway.SendAsync(denied);
        using var deleted = await system.Gateway.DeleteAsync($"/api/v1/rpc/alerts/rules/{rest.Id}");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(grpc, rest);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bad_transcoded_request_is_a_400_that_names_the_field()
    {
        using var badStep = await system.Gateway.GetAsync("/api/v1/rpc/query/rollups?metric=cpu_usage_percent&step=7q");
        using var badRule = await system.Gateway.PostAsJsonAsync("/api/v1/rpc/alerts/rules", new { name = "bad", kind = "sometimes", metric = "cpu" });
        using var notANumber = await system.Gateway.GetAsync("/api/v1/rpc/query/series?limit=many");

        Assert.Equal(HttpStatusCode.BadRequest, badStep.StatusCode);
        var step = JsonDocument.Parse(await badStep.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)StatusCode.InvalidArgument, step.GetProperty("code").GetInt32());
        Assert.Contains("step", step.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badRule.StatusCode);
        Assert.Contains("kind", JsonDocument.Parse(await badRule.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains("'many'", await notANumber.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
