using System.Net;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace PerfMonitor.Gateway.Probes;

/// <summary>
/// Each probe as a GET over HTTP/1.1 to the destination's health address (the replica's HTTP endpoint) and the
/// cluster's probe path. YARP's own probe takes the cluster's request version, and the gRPC clusters forward HTTP/2
/// only (cleartext, prior knowledge): a service's HTTP endpoint refuses that with HTTP_1_1_REQUIRED, so every probe of
/// a gRPC replica failed and YARP, with none healthy, routed to every replica, a dead one too.
/// </summary>
public sealed class HealthProbeRequests : IProbingRequestFactory
{
    public HttpRequestMessage CreateRequest(ClusterModel cluster, DestinationModel destination)
    {
        var health = destination.Config.Health;
        var address = new Uri(string.IsNullOrEmpty(health) ? destination.Config.Address : health);
        return new HttpRequestMessage(HttpMethod.Get, new Uri(address, cluster.Config.HealthCheck?.Active?.Path))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }
}
