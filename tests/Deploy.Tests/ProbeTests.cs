using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class ProbeTests
{
    [Theory]
    [MemberData(nameof(Overlays.AllWithServices), MemberType = typeof(Overlays))]
    public void The_container_declares_the_http_and_grpc_ports_of_the_contract(string overlay, string service)
    {
        var container = Kustomize.Overlay(overlay).Workload(service).Main;

        var ports = (container.Ports ?? []).ToDictionary(p => p.Name ?? "", p => p.ContainerPort);
        Assert.Equal(Contract.HttpPort, Assert.Contains("http", ports));
        Assert.Equal(Contract.GrpcPort, Assert.Contains("grpc", ports));
    }

    [Theory]
    [MemberData(nameof(Overlays.AllWithServices), MemberType = typeof(Overlays))]
    public void Startup_liveness_and_readiness_probe_the_http_port(string overlay, string service)
    {
        var container = Kustomize.Overlay(overlay).Workload(service).Main;

        AssertProbe(container, container.StartupProbe, "/alive", "/health");
        AssertProbe(container, container.LivenessProbe, "/alive");
        AssertProbe(container, container.ReadinessProbe, "/health");
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_probe_targets_a_port_its_container_declares(string overlay)
    {
        var probes = Kustomize.Overlay(overlay).Workloads
            .SelectMany(w => w.AllContainers)
            .SelectMany(c => new[] { c.StartupProbe, c.LivenessProbe, c.ReadinessProbe }.OfType<V1Probe>().Select(p => (c, p)));

        Assert.All(probes, pair => Assert.NotNull(PortOf(pair.c, pair.p)));
    }

    private static void AssertProbe(V1Container container, V1Probe? probe, params string[] allowedPaths)
    {
        Assert.NotNull(probe);
        var get = Assert.IsType<V1HTTPGetAction>(probe.HttpGet);
        Assert.Contains(get.Path, allowedPaths);
        var port = PortOf(container, probe);
        Assert.True(port is not null, $"{container.Name}: probe port {get.Port.Value} is not a port of the container");
        Assert.Equal(("http", Contract.HttpPort), (port.Name, port.ContainerPort));
    }

    private static V1ContainerPort? PortOf(V1Container container, V1Probe probe)
    {
        var port = probe.HttpGet?.Port ?? probe.TcpSocket?.Port ?? (probe.Grpc is { } grpc ? grpc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        if (port is null)
        {
            return null;
        }

        return (container.Ports ?? []).SingleOrDefault(p => int.TryParse(port.Value, out var number)
            ? p.ContainerPort == number
            : p.Name == port.Value);
    }
}
