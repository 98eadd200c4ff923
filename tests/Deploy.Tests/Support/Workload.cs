using k8s.Models;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>A Deployment or StatefulSet, seen through what the tests check: its pod template.</summary>
public sealed record Workload(string Kind, string Name, int? Replicas, V1LabelSelector Selector, V1PodTemplateSpec Template)
{
    public V1PodSpec Pod => Template.Spec;

    public IDictionary<string, string> PodLabels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

    public IEnumerable<V1Container> AllContainers =>
        (Pod.InitContainers ?? []).Concat(Pod.Containers ?? []);

    /// <summary>The container that serves the service: the one named like the workload, else the only one.</summary>
    public V1Container Main =>
        Pod.Containers.SingleOrDefault(c => c.Name == Name) ?? Pod.Containers.Single();

    public override string ToString() => $"{Kind}/{Name}";
}
