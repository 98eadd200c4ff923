namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>A pod: its namespace (with the labels Kubernetes gives it), labels and named container ports.</summary>
public sealed record PodEndpoint(
    string Description,
    string Namespace,
    IReadOnlyDictionary<string, string> NamespaceLabels,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, int> NamedPorts) : Endpoint(Description)
{
    public static PodEndpoint Create(string description, string ns, IDictionary<string, string>? labels, IReadOnlyDictionary<string, int>? ports = null) =>
        new(description, ns, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = ns },
            new Dictionary<string, string>(labels ?? new Dictionary<string, string>()),
            ports ?? new Dictionary<string, int>());

    public static PodEndpoint Of(RenderedOverlay overlay, Workload workload) =>
        Create(workload.ToString(), overlay.Namespace, workload.PodLabels,
            workload.Main.Ports?.Where(p => p.Name is not null).ToDictionary(p => p.Name, p => p.ContainerPort));
}
