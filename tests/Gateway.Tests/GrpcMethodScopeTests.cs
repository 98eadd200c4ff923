using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.V1;
using PerfMonitor.EndToEnd.Tests;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// gRPC scopes are decided by the exact method: routing matches paths case-insensitively, so a method name in another
/// letter case must neither pass as a read nor reach the service (the service's routing would run the real method).
/// </summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class GrpcMethodScopeTests(SystemFixture system)
{
    private static readonly ServiceDescriptor[] Forwarded = [Ingest.Descriptor, Query.Descriptor, Alerts.Descriptor, MetricsService.Descriptor];

    /// <summary>The methods a read key may call, by owner; every other method of a forwarded service changes state.</summary>
    private static readonly Dictionary<string, string> ReadMethods = new()
    {
        ["/perfmon.v1.Query/ListSeries"] = "analytics",
        ["/perfmon.v1.Query/GetRollups"] = "analytics",
        ["/perfmon.v1.Query/ListAnomalies"] = "analytics",
        ["/perfmon.v1.Query/GetHealthScores"] = "analytics",
        ["/perfmon.v1.Query/GetPerformanceSummary"] = "analytics",
        ["/perfmon.v1.Alerts/ListRules"] = "alerting",
        ["/perfmon.v1.Alerts/GetRule"] = "alerting",
        ["/perfmon.v1.Alerts/ListAlerts"] = "alerting",
        ["/perfmon.v1.Alerts/ListReceivers"] = "alerting",
        ["/perfmon.v1.Alerts/ListSlos"] = "alerting",
        ["/perfmon.v1.Alerts/GetSloBudget"] = "alerting",
    };

    public static TheoryData<string, string> WriteMethodsInEveryCase()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Forwarded.SelectMany(service => service.Methods.Select(method => $"/{service.FullName}/{method.Name}")).Where(p => !ReadMethods.ContainsKey(p)))
        {
            var method = path[(path.LastIndexOf('/') + 1)..];
            foreach (var variant in new[]
            {
                path,
                path[..(path.Length - method.Length)] + char.ToLowerInvariant(method[0]) + method[1..],
                path.ToLowerInvariant(),
                path.ToUpperInvariant(),
                new string(path.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray()),
            }.Distinct())
            {
                data.Add(path, variant);
            }
        }
        return data;
    }

    public static TheoryData<string, string> ReadMethodsWithOwner()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, owner) in ReadMethods)
        {
            data.Add(path, owner);
        }
        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(WriteMethodsInEveryCase))]
    public async Task Every_write_method_in_any_letter_case_is_refused_to_a_read_key_and_never_reaches_the_service(string method, string calledAs)
    {
        var name = $"scope probe {Guid.NewGuid():N}";
        var existing = await CreateRuleAsync($"kept {Guid.NewGuid():N}");

        var answer = await GrpcProbe.CallAsync(system.App.GatewayGrpcUrl, calledAs, system.ReaderKey, MessageFor(method, name, existing));
        var rules = await RuleNamesAsync();
        await system.Gateway.DeleteAsync($"/api/v1/alert-rules/{existing.Id}");

        Assert.Equal(StatusCode.PermissionDenied, answer.Grpc);
        Assert.Null(answer.ServedBy);
        // Neither created, nor renamed by an update, nor deleted.
        Assert.DoesNotContain(name, rules);
        Assert.Contains(existing.Name, rules);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(ReadMethodsWithOwner))]
    public async Task Every_read_method_called_exactly_reaches_its_service_with_a_read_key(string method, string owner)
    {
        var answer = await GrpcProbe.CallAsync(system.App.GatewayGrpcUrl, method, system.ReaderKey);

        Assert.Equal(owner, answer.ServedBy);
        Assert.NotEqual(StatusCode.PermissionDenied, answer.Grpc);
        Assert.NotEqual(StatusCode.Unimplemented, answer.Grpc);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/perfmon.v1.Alerts/listRules")]
    [InlineData("/PERFMON.V1.QUERY/GetRollups")]
    [InlineData("/perfmon.v1.ingest/Push")]
    [InlineData("/opentelemetry.proto.collector.metrics.v1.MetricsService/export")]
    [InlineData("/perfmon.v1.Alerts/ListRules/extra")]
    public async Task A_method_path_that_is_not_exactly_a_method_is_unimplemented_even_for_admin_and_never_forwarded(string path)
    {
        var answer = await GrpcProbe.CallAsync(system.App.GatewayGrpcUrl, path, system.App.ApiKey);

        Assert.Equal(StatusCode.Unimplemented, answer.Grpc);
        Assert.Null(answer.ServedBy);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("/API/V1/ALERT-RULES")]
    [InlineData("/api/v1/Alert-Rules/")]
    [InlineData("/Api/V1/Rpc/Alerts/Rules")]
    [InlineData("/api/v1/SILENCES")]
    public async Task REST_writes_in_any_letter_case_are_refused_to_a_read_key_and_never_forwarded(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { name = "case probe" }) };
        request.Headers.Add("X-Api-Key", system.ReaderKey);
        using var anonymous = new HttpClient { BaseAddress = system.App.GatewayUrl };

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains(GrpcProbe.ServedByHeader));
    }

    private static IMessage? MessageFor(string method, string name, AlertRule existing)
    {
        var spec = new AlertRuleSpec { Name = name, Kind = "threshold", Metric = "cpu_usage_percent", Aggregation = "avg", Window = "1m", Condition = "greater_than", Threshold = 99, Severity = "warning" };
        return method switch
        {
            "/perfmon.v1.Alerts/CreateRule" => spec,
            "/perfmon.v1.Alerts/UpdateRule" => new UpdateRuleRequest { Id = existing.Id, Rule = spec },
            "/perfmon.v1.Alerts/DeleteRule" => new DeleteRuleRequest { Id = existing.Id },
            "/perfmon.v1.Ingest/Push" => new SampleBatch
            {
                Samples = { new Sample { Metric = "scope_probe", Value = 1, TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } },
            },
            _ => null,
        };
    }

    private async Task<AlertRule> CreateRuleAsync(string name)
    {
        using var created = await system.Gateway.PostAsJsonAsync("/api/v1/rpc/alerts/rules", new
        {
            name, kind = "threshold", metric = "cpu_usage_percent", aggregation = "avg", window = "1m", condition = "greater_than", threshold = 99, severity = "warning",
        });
        created.EnsureSuccessStatusCode();
        return JsonParser.Default.Parse<AlertRule>(await created.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> RuleNamesAsync() =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/alert-rules")).EnumerateArray()
            .Select(rule => rule.GetProperty("name").GetString() ?? "").ToList();
}
