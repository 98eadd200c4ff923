using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class ServiceExposureTests
{
    [Theory]
    [MemberData(nameof(Overlays.AllWithServices), MemberType = typeof(Overlays))]
    public void Each_service_has_a_Service_of_its_resource_name_on_the_http_and_grpc_ports(string overlay, string service)
    {
        var rendered = Kustomize.Overlay(overlay);
        var workload = rendered.Workload(service);

        var kubernetesService = rendered.Service(service);
        Assert.NotNull(kubernetesService);
        Assert.Equal(new[] { workload.Name }, rendered.Workloads.Where(w => Selects(kubernetesService, w)).Select(w => w.Name));
        Assert.Equal(Contract.HttpPort, TargetPort(kubernetesService, Contract.HttpPort, workload.Main));
        Assert.Equal(Contract.GrpcPort, TargetPort(kubernetesService, Contract.GrpcPort, workload.Main));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_database_answers_to_the_name_metricsdb(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        // Either a Service of its own (e.g. an ExternalName), or one CloudNativePG manages for the primary.
        var managed = rendered.PostgresClusters.SelectMany(c => c.Maps("managed", "services", "additional"))
            .Where(s => GenericResource.Get(s, "selectorType") == "rw")
            .Select(s => (s["serviceTemplate"] as Dictionary<object, object>)?["metadata"] as Dictionary<object, object>)
            .Select(m => m is null ? null : GenericResource.Get(m, "name"));
        Assert.True(rendered.Service(Contract.MetricsDb) is not null || managed.Contains(Contract.MetricsDb),
            $"{overlay}: nothing answers to {Contract.MetricsDb}");
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_gateway_is_exposed_by_an_ingress_for_http_and_one_for_grpc(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var gateway = rendered.Workload(Contract.Gateway);
        var ingresses = rendered.OfType<V1Ingress>().ToList();

        var backends = ingresses.SelectMany(i => i.Spec.Rules.SelectMany(r => r.Http.Paths).Select(p => (Ingress: i, p.Backend.Service))).ToList();
        Assert.All(backends, b => Assert.Equal(Contract.Gateway, b.Service.Name));
        var service = rendered.Service(Contract.Gateway)!;
        var ports = backends.Select(b => (b.Ingress, Port: TargetPort(service, b.Service.Port, gateway.Main))).ToList();

        Assert.Contains(ports, p => p.Port == Contract.HttpPort);
        var grpc = Assert.Single(ports, p => p.Port == Contract.GrpcPort);
        Assert.Equal("GRPC", grpc.Ingress.Metadata.Annotations?["nginx.ingress.kubernetes.io/backend-protocol"]);
    }

    private static bool Selects(V1Service service, Workload workload) =>
        service.Spec.Selector is { Count: > 0 } selector
        && selector.All(pair => workload.PodLabels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static int? TargetPort(V1Service service, int port, V1Container container) =>
        TargetPort(service, new V1ServiceBackendPort { Number = port }, container);

    // Service port (by number or name) -> its targetPort -> the container port it lands on.
    private static int? TargetPort(V1Service service, V1ServiceBackendPort backend, V1Container container)
    {
        var servicePort = service.Spec.Ports.SingleOrDefault(p => backend.Name is not null ? p.Name == backend.Name : p.Port == backend.Number);
        if (servicePort is null)
        {
            return null;
        }

        var target = servicePort.TargetPort?.Value ?? servicePort.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (container.Ports ?? []).SingleOrDefault(p => int.TryParse(target, out var number) ? p.ContainerPort == number : p.Name == target)?.ContainerPort;
    }
}
