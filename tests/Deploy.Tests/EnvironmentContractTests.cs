using System.Data.Common;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class EnvironmentContractTests
{
    [Theory]
    [MemberData(nameof(Overlays.AllWithServices), MemberType = typeof(Overlays))]
    public void Every_variable_of_the_contract_is_set(string overlay, string service)
    {
        var rendered = Kustomize.Overlay(overlay);
        var environment = EnvironmentResolver.Resolve(rendered, rendered.Workload(service).Main);

        Assert.Empty(environment.Problems);
        Assert.All(Contract.Environment(service), expected =>
        {
            Assert.True(environment.Values.TryGetValue(expected.Key, out var actual), $"{service} in {overlay}: {expected.Key} is not set");
            Assert.False(string.IsNullOrWhiteSpace(actual), $"{service} in {overlay}: {expected.Key} is empty");
            if (expected.Value is not null)
            {
                Assert.Equal(expected.Value, actual);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_secret_a_container_reads_is_provided_by_the_overlay_or_created_in_the_guide(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var created = DeployDoc.Load().CreatedSecrets;
        var provided = rendered.ProvidedSecrets.ToHashSet(StringComparer.Ordinal);

        var reads = rendered.Workloads.SelectMany(w => w.AllContainers).SelectMany(c => EnvironmentResolver.Resolve(rendered, c).Secrets);

        Assert.All(reads, read =>
        {
            if (provided.Contains(read.Name))
            {
                return;
            }

            Assert.True(created.TryGetValue(read.Name, out var keys), $"{overlay}: Secret {read.Name} is neither in the overlay nor created in docs/deploy.md");
            if (read.Key is not null)
            {
                Assert.Contains(read.Key, keys);
            }
        });
    }

    [Theory]
    [MemberData(nameof(DataServicesInOverlays))]
    public void The_metricsdb_connection_string_is_Npgsql_form_with_the_password_from_a_secret(string overlay, string service)
    {
        var rendered = Kustomize.Overlay(overlay);
        var environment = EnvironmentResolver.Resolve(rendered, rendered.Workload(service).Main);

        var builder = new DbConnectionStringBuilder { ConnectionString = environment.Values["ConnectionStrings__metricsdb"] };

        Assert.Equal(Contract.MetricsDb, builder["Host"]);
        Assert.False(string.IsNullOrWhiteSpace(builder["Database"]?.ToString()));
        Assert.StartsWith("<secret ", builder["Username"]?.ToString());
        Assert.StartsWith("<secret ", builder["Password"]?.ToString());
    }

    [Theory]
    [MemberData(nameof(DataServicesInOverlays))]
    public void The_kafka_connection_string_names_the_bootstrap_servers(string overlay, string service)
    {
        var rendered = Kustomize.Overlay(overlay);
        var bootstrap = EnvironmentResolver.Resolve(rendered, rendered.Workload(service).Main).Values["ConnectionStrings__kafka"];

        Assert.All(bootstrap.Split(','), server => Assert.Matches(@"^[a-z0-9.-]+:\d+$", server));
        if (rendered.Kafka is { } kafka)
        {
            // Strimzi's bootstrap Service for the plain-text listener the services use.
            var listener = kafka.Maps("kafka", "listeners").Single(l => string.Equals(GenericResource.Get(l, "tls"), "false", StringComparison.OrdinalIgnoreCase));
            Assert.Equal($"{kafka.Name}-kafka-bootstrap:{GenericResource.Get(listener, "port")}", bootstrap);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_collector_spool_path_is_a_writable_volume(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var collector = rendered.Workload(Contract.Collector);
        var spool = EnvironmentResolver.Resolve(rendered, collector.Main).Values["Collector__SpoolPath"];

        var mount = Assert.Single(collector.Main.VolumeMounts ?? [], m => m.MountPath == spool);
        Assert.NotEqual(true, mount.ReadOnlyProperty);
        var volume = (collector.Pod.Volumes ?? []).SingleOrDefault(v => v.Name == mount.Name);
        var claim = collector.Kind == "StatefulSet" && (rendered.OfType<k8s.Models.V1StatefulSet>().Single(s => s.Metadata.Name == collector.Name).Spec.VolumeClaimTemplates ?? [])
            .Any(t => t.Metadata.Name == mount.Name);
        Assert.True(claim || volume?.EmptyDir is not null || volume?.PersistentVolumeClaim is not null || volume?.Ephemeral is not null,
            $"{overlay}: the spool mount {mount.Name} is backed by neither an emptyDir nor a PersistentVolumeClaim");
    }

    public static TheoryData<string, string> DataServicesInOverlays()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in Overlays.Names)
        {
            foreach (var service in Contract.DataServices)
            {
                data.Add(overlay, service);
            }
        }

        return data;
    }
}
