using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PerfMonitor.Gateway.Probes;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;

namespace PerfMonitor.Gateway.Routing;

/// <summary>
/// Builds YARP's routes and clusters from the route table and Aspire-style service configuration
/// (<c>services:collector:http:0</c>, <c>:1</c>, ... one destination per replica), with the
/// <see cref="RouteTimeoutOptions"/>. Every replica is probed on the /health of its service's HTTP endpoint, a gRPC
/// replica too (<see cref="HealthProbeOptions"/>, <see cref="HealthProbeRequests"/>).
/// </summary>
public sealed class ServiceRouteProvider(
    IConfiguration configuration, IOptions<RouteTimeoutOptions> timeouts, IOptions<HealthProbeOptions> probes) : IProxyConfigProvider
{
    public IProxyConfig GetConfig()
    {
        var routes = RouteTable.Entries.Select((entry, index) => new RouteConfig
        {
            RouteId = $"{entry.Service}-{entry.Endpoint}-{index}",
            ClusterId = ClusterId(entry.Service, entry.Endpoint),
            Match = new RouteMatch { Path = entry.Path },
            Timeout = entry.Timeout is { } timeout ? timeouts.Value.Of(timeout) : null,
            MaxRequestBodySize = entry.MaxRequestBodySize,
            Metadata = new Dictionary<string, string> { [EntryIndex] = index.ToString(CultureInfo.InvariantCulture) },
            Transforms =
            [
                // The dashboard session is a credential of the gateway's; services never need it.
                new Dictionary<string, string> { ["RequestHeaderRemove"] = "Cookie" },
                // Says which service answered, so a 404 from a service is told apart from one of the gateway.
                new Dictionary<string, string> { ["ResponseHeader"] = ServedByHeader, ["Set"] = entry.Service, ["When"] = "Always" },
            ],
        }).ToList();

        var clusters = RouteTable.Entries
            .Select(e => (e.Service, e.Endpoint))
            .Distinct()
            .Select(target => new ClusterConfig
            {
                ClusterId = ClusterId(target.Service, target.Endpoint),
                Destinations = configuration.GetSection($"services:{target.Service}:{target.Endpoint}").GetChildren()
                    .Where(replica => !string.IsNullOrEmpty(replica.Value))
                    .ToDictionary(replica => $"{target.Service}-{replica.Key}", replica => new DestinationConfig
                    {
                        Address = replica.Value!,
                        Health = target.Endpoint == RouteTable.GrpcEndpoint
                            ? configuration[$"services:{target.Service}:{RouteTable.HttpEndpoint}:{replica.Key}"]
                            : null,
                    }),
                HealthCheck = new HealthCheckConfig
                {
                    Active = new ActiveHealthCheckConfig
                    {
                        Enabled = true,
                        Interval = probes.Value.Interval,
                        Timeout = probes.Value.Timeout,
                        Policy = "ConsecutiveFailures",
                        Path = Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath,
                    },
                },
                LoadBalancingPolicy = LoadBalancingPolicies.PowerOfTwoChoices,
                HttpRequest = target.Endpoint == RouteTable.GrpcEndpoint
                    ? new ForwarderRequestConfig
                    {
                        Version = new Version(2, 0),
                        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                        ActivityTimeout = LongestTimeout(target.Service, target.Endpoint),
                    }
                    : new ForwarderRequestConfig { ActivityTimeout = LongestTimeout(target.Service, target.Endpoint) },
            })
            .ToList();

        return new StaticProxyConfig(routes, clusters);
    }

    /// <summary>
    /// The longest whole-request limit of a cluster's routes, as its limit on silence from the service: YARP's default (100
    /// seconds) would otherwise cut a PromQL query that computes for longer before its first byte. Null (YARP's default)
    /// when a route of the cluster is a stream without a limit, which may stay quiet as long as its client.
    /// </summary>
    private TimeSpan? LongestTimeout(string service, string endpoint)
    {
        var routes = RouteTable.Entries.Where(entry => entry.Service == service && entry.Endpoint == endpoint).ToList();
        return routes.Any(entry => entry.Timeout is null) ? null : routes.Max(entry => timeouts.Value.Of(entry.Timeout!.Value));
    }

    public const string ServedByHeader = "X-PerfMonitor-Service";

    private const string EntryIndex = "perfmon-route-table-index";

    /// <summary>The route table entry a route was built from (access control reads it from the endpoint's metadata).</summary>
    public static RouteTable.Entry EntryOf(RouteConfig route) =>
        RouteTable.Entries[int.Parse(route.Metadata![EntryIndex], CultureInfo.InvariantCulture)];

    public static string ClusterId(string service, string endpoint) => $"{service}-{endpoint}";

    private sealed class StaticProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes => routes;

        public IReadOnlyList<ClusterConfig> Clusters => clusters;

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
