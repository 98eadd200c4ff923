using System.Text.Json;
using Google.Api;
using Google.Protobuf.Reflection;
using PerfMonitor.Contracts.Queries;
using PerfMonitor.Gateway.Tests.Support;

namespace PerfMonitor.Gateway.Tests;

/// <summary>
/// /openapi/v1.json against the lists the gateway and the services work from: the gateway's route table (every entry
/// documented, with the scope access control asks for) and the rollup step list in Contracts.
/// </summary>
[Collection(DefaultGatewayCollection.Name)]
public sealed class OpenApiContractTests(DefaultGatewayFixture fixture)
{
    private static readonly string[] Schemes = ["ApiKey", "Bearer", "Basic"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch"];

    [Fact(Timeout = 120_000)]
    public async Task Every_HTTP_route_of_the_route_table_is_documented_with_the_scope_each_method_needs()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var entry in GatewayRouteTable.Entries.Where(entry => !entry.IsGrpc))
        {
            var documented = paths.EnumerateObject().Where(path => Covers(entry.Path, path.Name)).ToList();
            Assert.True(documented.Count > 0, $"{entry.Path} ({entry.Service}) is routed but not documented");
            foreach (var path in documented)
            {
                foreach (var operation in path.Value.EnumerateObject().Where(member => Methods.Contains(member.Name)))
                {
                    var expected = ScopeOf(entry.Access, operation.Name.ToUpperInvariant());
                    if (expected is null)
                    {
                        Assert.True(!Roles(operation.Value).Any(), $"{operation.Name.ToUpperInvariant()} {path.Name} carries a signed token and should require no key");
                        continue;
                    }
                    Assert.True(Roles(operation.Value).SequenceEqual(Schemes.Select(scheme => (scheme, expected))),
                        $"{operation.Name.ToUpperInvariant()} {path.Name} should require '{expected}' by every scheme: {operation.Value.GetProperty("security")}");
                }
            }
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_forwarded_gRPC_method_is_listed_with_its_scope()
    {
        var methods = (await DocumentAsync()).GetProperty("x-perfmonitor-grpc-methods").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!);
        var expected = Contracts().SelectMany(service => service.Methods.Select(method => (Service: service, Method: method)))
            .Select(forwarded => (Path: $"/{forwarded.Service.FullName}/{forwarded.Method.Name}", Entry: EntryOf(forwarded.Service), forwarded.Method))
            .Where(forwarded => forwarded.Entry is not null)
            .ToDictionary(forwarded => forwarded.Path, forwarded => ScopeOf(forwarded.Entry!.Access, ReadsOverJson(forwarded.Method) ? "GET" : "POST")!);

        Assert.True(GatewayRouteTable.Entries.Where(entry => entry.IsGrpc).All(entry => methods.Keys.Any(path => Covers(entry.Path, path))),
            "a forwarded gRPC service has no method listed");
        Assert.Equal(expected.OrderBy(m => m.Key), methods.OrderBy(m => m.Key));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_documented_rollup_steps_are_the_contract_step_list()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var (path, parameter) in new[] { ("/api/v1/rollups", "step"), ("/api/v1/timeseries", "interval"), ("/api/v1/rpc/query/rollups", "step") })
        {
            var documented = paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == parameter)
                .GetProperty("schema").GetProperty("enum").EnumerateArray().Select(value => value.GetString()!).ToList();
            Assert.Equal(RollupSteps.Names, documented);
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Gateway.Url };
        return JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
    }

    /// <summary>Whether a route pattern (<c>/api/v1/rollups/{**rest}</c>, <c>/api/v1/label/{name}/values</c>) takes a documented path.</summary>
    private static bool Covers(string pattern, string path)
    {
        var (prefix, catchAll) = pattern.EndsWith("/{**rest}", StringComparison.Ordinal) ? (pattern[..^"/{**rest}".Length], true)
            : pattern.EndsWith("/{**method}", StringComparison.Ordinal) ? (pattern[..^"/{**method}".Length], true)
            : (pattern, false);
        return path == prefix || (catchAll && path.StartsWith(prefix + "/", StringComparison.Ordinal));
    }

    /// <summary>
    /// The rule docs/security.md states: ingest routes need ingest, read routes read, others read to read and admin to
    /// change; a route whose request carries a signed token (an acknowledge link) needs no key (null).
    /// </summary>
    private static string? ScopeOf(string access, string method) => access switch
    {
        "Token" => null,
        "Ingest" => "ingest",
        "Read" => "read",
        "ReadWrite" => method is "GET" or "HEAD" or "OPTIONS" ? "read" : "admin",
        _ => throw new InvalidOperationException($"Unknown route access {access}"),
    };

    private static IEnumerable<(string Scheme, string Role)> Roles(JsonElement operation) =>
        operation.GetProperty("security").EnumerateArray()
            .SelectMany(requirement => requirement.EnumerateObject())
            .Select(scheme => (scheme.Name, string.Join(",", scheme.Value.EnumerateArray().Select(role => role.GetString()))));

    private static GatewayRouteTable.Entry? EntryOf(ServiceDescriptor service) =>
        GatewayRouteTable.Entries.FirstOrDefault(entry => entry.IsGrpc && entry.Path.StartsWith($"/{service.FullName}/", StringComparison.Ordinal));

    private static bool ReadsOverJson(MethodDescriptor method) =>
        method.GetOptions()?.GetExtension(AnnotationsExtensions.Http)?.PatternCase == HttpRule.PatternOneofCase.Get;

    private static IEnumerable<ServiceDescriptor> Contracts() =>
    [
        .. PerfMonitor.Contracts.V1.IngestReflection.Descriptor.Services,
        .. PerfMonitor.Contracts.V1.QueryReflection.Descriptor.Services,
        .. PerfMonitor.Contracts.V1.AlertsReflection.Descriptor.Services,
        .. PerfMonitor.Contracts.Otlp.Collector.MetricsServiceReflection.Descriptor.Services,
    ];
}
