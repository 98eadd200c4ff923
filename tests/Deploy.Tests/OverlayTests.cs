using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class OverlayTests
{
    [Fact]
    public void The_dev_prod_and_external_overlays_exist()
    {
        Assert.Superset(new HashSet<string> { "dev", "prod", "external" }, Overlays.Names.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_overlay_renders_the_four_services_in_one_namespace(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        Assert.Equal("perfmon", rendered.Namespace);
        Assert.All(Contract.Services, service => rendered.Workload(service));
        var namespaced = rendered.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace);
        Assert.All(namespaced, o => Assert.Equal(rendered.Namespace, o.Metadata.NamespaceProperty));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Dev_and_prod_bring_Kafka_and_PostgreSQL_through_their_operators(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        Assert.NotNull(rendered.Kafka);
        Assert.NotEmpty(rendered.KafkaNodePools);
        Assert.Single(rendered.PostgresClusters);
    }

    [Fact]
    public void External_brings_no_Kafka_or_PostgreSQL_of_its_own()
    {
        var rendered = Kustomize.Overlay("external");

        Assert.Empty(rendered.OfType<GenericResource>());
        Assert.DoesNotContain(rendered.Workloads, w => w.Name is "kafka" or Contract.MetricsDb);
    }
}
