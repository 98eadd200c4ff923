using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class PodHardeningTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_container_has_cpu_and_memory_requests_and_limits(string overlay)
    {
        var containers = Kustomize.Overlay(overlay).Workloads.SelectMany(w => w.AllContainers).ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, c => AssertResources(c.Name, c.Resources?.Requests, c.Resources?.Limits));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Kafka_and_PostgreSQL_pods_have_requests_and_limits(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        Assert.All(rendered.KafkaNodePools.Concat(rendered.PostgresClusters), resource =>
            AssertResources(resource.Name, Quantities(resource.At("resources", "requests")), Quantities(resource.At("resources", "limits"))));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_container_runs_non_root_read_only_without_capabilities(string overlay)
    {
        var workloads = Kustomize.Overlay(overlay).Workloads;

        Assert.All(workloads, workload => Assert.All(workload.AllContainers, container =>
        {
            var pod = workload.Pod.SecurityContext;
            var own = container.SecurityContext;
            Assert.True((own?.RunAsNonRoot ?? pod?.RunAsNonRoot) == true, $"{workload}: runAsNonRoot");
            Assert.NotEqual(0, own?.RunAsUser ?? pod?.RunAsUser);
            Assert.True(own?.ReadOnlyRootFilesystem == true, $"{workload}: readOnlyRootFilesystem");
            Assert.True(own?.AllowPrivilegeEscalation == false, $"{workload}: allowPrivilegeEscalation");
            Assert.Contains("ALL", own?.Capabilities?.Drop ?? []);
            Assert.Empty(own?.Capabilities?.Add ?? []);
        }));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void A_read_only_root_still_has_a_writable_tmp(string overlay)
    {
        var workloads = Kustomize.Overlay(overlay).Workloads;

        Assert.All(workloads, workload =>
        {
            var mount = Assert.Single(workload.Main.VolumeMounts ?? [], m => m.MountPath == "/tmp");
            var volume = Assert.Single(workload.Pod.Volumes ?? [], v => v.Name == mount.Name);
            Assert.NotNull(volume.EmptyDir);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Rolling_updates_surge_one_pod_and_never_go_below_the_wanted_count(string overlay)
    {
        var deployments = Kustomize.Overlay(overlay).OfType<V1Deployment>().ToList();

        Assert.NotEmpty(deployments);
        Assert.All(deployments, d =>
        {
            Assert.Equal("RollingUpdate", d.Spec.Strategy?.Type);
            Assert.Equal("0", d.Spec.Strategy?.RollingUpdate?.MaxUnavailable?.Value);
            Assert.Equal("1", d.Spec.Strategy?.RollingUpdate?.MaxSurge?.Value);
        });
    }

    private static void AssertResources(string owner, IDictionary<string, ResourceQuantity>? requests, IDictionary<string, ResourceQuantity>? limits)
    {
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(requests?.ContainsKey(resource) == true, $"{owner}: no {resource} request");
            Assert.True(limits?.ContainsKey(resource) == true, $"{owner}: no {resource} limit");
            Assert.True(requests[resource].ToDecimal() <= limits[resource].ToDecimal(), $"{owner}: {resource} request above its limit");
        }
    }

    private static Dictionary<string, ResourceQuantity>? Quantities(object? map) =>
        (map as Dictionary<object, object>)?.ToDictionary(p => p.Key.ToString()!, p => new ResourceQuantity(p.Value.ToString()!));
}
