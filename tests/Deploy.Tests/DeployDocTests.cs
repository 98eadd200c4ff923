using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class DeployDocTests
{
    [Fact]
    public void Every_kustomize_folder_in_the_guide_exists()
    {
        var paths = DeployDoc.Load().KustomizePaths.ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(File.Exists(Path.Combine(RepoPaths.Combine(path), "kustomization.yaml")), $"docs/deploy.md applies {path}, which has no kustomization.yaml"));
    }

    [Fact]
    public void Every_overlay_is_applied_somewhere_in_the_guide()
    {
        var applied = DeployDoc.Load().KustomizePaths.ToHashSet();

        Assert.All(Overlays.Names, overlay => Assert.Contains($"deploy/k8s/overlays/{overlay}", applied));
    }

    [Fact]
    public void Every_repository_path_in_the_guides_commands_exists()
    {
        var paths = DeployDoc.Load().RepoFilePaths.ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, path => Assert.True(File.Exists(RepoPaths.Combine(path)) || Directory.Exists(RepoPaths.Combine(path)), $"docs/deploy.md names {path}, which does not exist"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_service_image_is_built_in_the_guide_from_the_root_Dockerfile(bool buildx)
    {
        var builds = DeployDoc.Load().DockerBuilds.Where(b => b.StartsWith("docker buildx ", StringComparison.Ordinal) == buildx).ToList();

        // The registry's images (buildx, section 1) and kind's (docker build, section 2.4) alike.
        Assert.NotEmpty(builds);
        Assert.All(builds, build =>
        {
            Assert.Contains(DeployDoc.BuiltService(build) ?? "(no --build-arg SERVICE=)", DockerfileTests.ServiceFolders);
            Assert.DoesNotMatch(@"\s(-f|--file)[=\s]", build);
            Assert.EndsWith(" .", build, StringComparison.Ordinal);
        });
        Assert.Superset(DockerfileTests.ServiceFolders.ToHashSet(), builds.Select(b => DeployDoc.BuiltService(b) ?? "").ToHashSet());
        Assert.Contains("PublishContainer", DeployDoc.Load().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guides_commands_use_the_overlays_namespace()
    {
        var operatorNamespaces = new HashSet<string> { "strimzi", "cnpg-system", "ingress-nginx", "kube-system" };
        var expected = Kustomize.Overlay("dev").Namespace;

        Assert.All(DeployDoc.Load().Namespaces.Where(ns => !operatorNamespaces.Contains(ns)), ns => Assert.Equal(expected, ns));
    }

    [Fact]
    public void Every_resource_the_guide_names_is_in_an_overlay()
    {
        var rendered = Overlays.Names.Select(Kustomize.Overlay).ToList();
        var references = DeployDoc.Load().ResourceReferences(rendered[0].Namespace).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.True(rendered.Any(r => Exists(r, reference.Kind, reference.Name)), $"docs/deploy.md names {reference.Kind}/{reference.Name}, which no overlay renders"));
    }

    [Fact]
    public void Every_port_forward_in_the_guide_targets_a_port_of_that_Service()
    {
        var forwards = DeployDoc.Load().PortForwards.ToList();
        var dev = Kustomize.Overlay("dev");

        Assert.NotEmpty(forwards);
        Assert.All(forwards, forward => Assert.Contains(forward.Port, dev.Service(forward.Service)?.Spec.Ports.Select(p => p.Port) ?? []));
    }

    private static bool Exists(RenderedOverlay rendered, string kind, string name) => kind switch
    {
        "deploy" or "deployment" => rendered.OfType<V1Deployment>().Any(d => d.Metadata.Name == name),
        "statefulset" or "sts" => rendered.OfType<V1StatefulSet>().Any(s => s.Metadata.Name == name),
        "svc" or "service" => rendered.Service(name) is not null
            || rendered.PostgresClusters.Any(c => name.StartsWith(c.Name + "-", StringComparison.Ordinal))
            || (rendered.Kafka is { } kafka && name.StartsWith(kafka.Name + "-kafka-", StringComparison.Ordinal)),
        "hpa" => rendered.OfType<V2HorizontalPodAutoscaler>().Any(h => h.Metadata.Name == name),
        "pdb" => rendered.OfType<V1PodDisruptionBudget>().Any(p => p.Metadata.Name == name),
        "ingress" => rendered.OfType<V1Ingress>().Any(i => i.Metadata.Name == name),
        "networkpolicy" => rendered.OfType<V1NetworkPolicy>().Any(n => n.Metadata.Name == name),
        "configmap" or "cm" => rendered.OfType<V1ConfigMap>().Any(c => c.Metadata.Name == name),
        "kafkatopic" => rendered.KafkaTopics.Any(t => t.Name == name),
        "kafka" => rendered.Kafka?.Name == name,
        "cluster" => rendered.PostgresClusters.Any(c => c.Name == name),
        _ => false,
    };
}
