using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfMonitor.AppHost.Kafka;

/// <summary>Healthy while the embedded broker is up (not set down by a command) and accepts connections.</summary>
public sealed class BrokerReachableCheck(EmbeddedKafkaResource kafka) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (kafka.Cluster is not { } cluster)
        {
            return HealthCheckResult.Unhealthy("not started");
        }
        if (!cluster.IsUp)
        {
            return HealthCheckResult.Unhealthy("broker set down (broker-down command)");
        }
        var first = cluster.BootstrapServers.Split(',')[0];
        var colon = first.LastIndexOf(':');
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(first[..colon], int.Parse(first[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            return HealthCheckResult.Healthy($"accepting connections at {cluster.BootstrapServers}");
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
