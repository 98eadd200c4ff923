using System.Reflection;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>An overlay's rendered manifests, as the Kubernetes client's typed models.</summary>
public sealed partial class RenderedOverlay(string name, IReadOnlyList<object> objects)
{
    private static readonly Lazy<HashSet<string>> BuiltInKinds = new(() =>
        typeof(V1Pod).Assembly.GetTypes()
            .Select(type => type.GetCustomAttribute<KubernetesEntityAttribute>())
            .OfType<KubernetesEntityAttribute>()
            .Select(entity => (string.IsNullOrEmpty(entity.Group) ? "" : entity.Group + "/") + entity.ApiVersion + "/" + entity.Kind)
            .ToHashSet(StringComparer.Ordinal));

    public string Name => name;

    public IReadOnlyList<object> Objects => objects;

    public string Namespace => OfType<V1Namespace>().Single().Metadata.Name;

    public static RenderedOverlay Parse(string name, string yaml)
    {
        // Custom resources (Kafka, Cluster, ...) have no model in the client: read them generically.
        var customKinds = DocumentSeparator().Split(yaml)
            .Where(document => !string.IsNullOrWhiteSpace(document))
            .Select(document => KubernetesYaml.Deserialize<KubernetesObject>(document))
            .Select(header => header.ApiVersion + "/" + header.Kind)
            .Where(kind => !BuiltInKinds.Value.Contains(kind))
            .Distinct()
            .ToDictionary(kind => kind, _ => typeof(GenericResource));
        return new RenderedOverlay(name, KubernetesYaml.LoadAllFromString(yaml, customKinds));
    }

    public IEnumerable<T> OfType<T>() => objects.OfType<T>();

    public IEnumerable<GenericResource> Custom(string group, string kind) =>
        OfType<GenericResource>().Where(r => r.Group == group && r.Kind == kind);

    public IReadOnlyList<Workload> Workloads =>
    [
        .. OfType<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Replicas, d.Spec.Selector, d.Spec.Template)),
        .. OfType<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Replicas, s.Spec.Selector, s.Spec.Template)),
    ];

    public Workload Workload(string workloadName) =>
        Workloads.SingleOrDefault(w => w.Name == workloadName)
        ?? throw new Xunit.Sdk.XunitException($"{name}: no Deployment or StatefulSet named {workloadName}.");

    public V1ConfigMap? ConfigMap(string configMapName) =>
        OfType<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name == configMapName);

    public V1Service? Service(string serviceName) =>
        OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name == serviceName);

    public GenericResource? Kafka => Custom("kafka.strimzi.io", "Kafka").SingleOrDefault();

    public IEnumerable<GenericResource> KafkaTopics => Custom("kafka.strimzi.io", "KafkaTopic");

    public IEnumerable<GenericResource> KafkaNodePools => Custom("kafka.strimzi.io", "KafkaNodePool");

    public IEnumerable<GenericResource> PostgresClusters => Custom("postgresql.cnpg.io", "Cluster");

    public GenericResource? Topic(string topicName) =>
        KafkaTopics.SingleOrDefault(t => (t.String("topicName") ?? t.Name) == topicName);

    /// <summary>Secrets the overlay can rely on: rendered ones and those CloudNativePG creates for its clusters.</summary>
    public IEnumerable<string> ProvidedSecrets =>
        OfType<V1Secret>().Select(s => s.Metadata.Name)
            .Concat(PostgresClusters.SelectMany(c => new[] { c.Name + "-app", c.Name + "-superuser" }));

    public override string ToString() => name;

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
