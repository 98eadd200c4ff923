using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Contracts.V1;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests;

[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class ProtocolParityTests(SystemFixture system)
{
    [Fact(Timeout = 90_000)]
    public async Task REST_and_gRPC_at_the_gateway_return_the_same_rollups()
    {
        var service = $"parity{Guid.NewGuid():N}"[..12];
        var now = DateTimeOffset.UtcNow;
        var samples = new[] { 12.0, 18.0, 30.0, 41.0 }.Select(v => new { metric = "parity_latency_ms", labels = new Dictionary<string, string> { ["service"] = service }, value = v, timestamp = now });
        (await system.Gateway.PostAsJsonAsync("/api/v1/samples", new { samples })).EnsureSuccessStatusCode();
        var from = now.AddMinutes(-5).ToString("O");
        var to = now.AddMinutes(2).ToString("O");
        var query = $"/api/v1/rollups?metric=parity_latency_ms&labels=service:{service}&step=1m&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";
        var rest = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>(query),
            body => body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()) == 4,
            TimeSpan.FromSeconds(20), "4 samples in the rollups");

        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var grpc = await new Query.QueryClient(channel).GetRollupsAsync(
            new RollupsRequest { Metric = "parity_latency_ms", Labels = $"service:{service}", Step = "1m", From = from, To = to },
            new Metadata { { "x-api-key", system.ReaderKey } });

        var restPoints = rest.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(restPoints.Count, grpc.Points.Count);
        for (var i = 0; i < restPoints.Count; i++)
        {
            Assert.Equal(restPoints[i].GetProperty("count").GetInt64(), grpc.Points[i].Count);
            Assert.Equal(restPoints[i].GetProperty("sum").GetDouble(), grpc.Points[i].Sum, 9);
            Assert.Equal(restPoints[i].GetProperty("max").GetDouble(), grpc.Points[i].Max, 9);
            Assert.Equal(restPoints[i].GetProperty("p95").GetDouble(), grpc.Points[i].P95, 9);
            Assert.Equal(DateTimeOffset.Parse(restPoints[i].GetProperty("time").GetString()!), grpc.Points[i].Time.ToDateTimeOffset());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_read_key_may_list_rules_over_gRPC_but_not_create_one()
    {
        using var channel = GrpcChannel.ForAddress(system.App.GatewayGrpcUrl);
        var alerts = new Alerts.AlertsClient(channel);
        var reader = new Metadata { { "x-api-key", system.ReaderKey } };

        var list = await alerts.ListRulesAsync(new ListRulesRequest(), reader);
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await alerts.CreateRuleAsync(new AlertRuleSpec { Name = "not allowed", Kind = "threshold", Metric = "cpu" }, reader));

        Assert.NotNull(list);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
