using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class InfrastructureTests
{
    public static TheoryData<string> OverlaysWithKafka => [.. Overlays.Names.Where(o => Kustomize.Overlay(o).Kafka is not null)];

    public static TheoryData<string> OverlaysWithPostgres => [.. Overlays.Names.Where(o => Kustomize.Overlay(o).PostgresClusters.Any())];

    [Theory]
    [MemberData(nameof(OverlaysWithKafka))]
    public void Kafka_runs_in_KRaft_mode_with_node_pools_for_controllers_and_brokers(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var kafka = rendered.Kafka!;

        Assert.Equal("enabled", kafka.Metadata.Annotations?["strimzi.io/kraft"]);
        Assert.Equal("enabled", kafka.Metadata.Annotations?["strimzi.io/node-pools"]);
        var pools = rendered.KafkaNodePools.Where(p => p.Metadata.Labels?["strimzi.io/cluster"] == kafka.Name).ToList();
        Assert.Contains(pools, p => Roles(p).Contains("controller"));
        Assert.Contains(pools, p => Roles(p).Contains("broker"));
    }

    [Theory]
    [MemberData(nameof(OverlaysWithKafka))]
    public void The_three_topics_exist_with_retention_and_no_more_replicas_than_brokers(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var kafka = rendered.Kafka!;
        var brokers = rendered.KafkaNodePools.Where(p => Roles(p).Contains("broker")).Sum(p => p.Number("replicas") ?? 0);

        Assert.All(Contract.Topics, name =>
        {
            var topic = rendered.Topic(name);
            Assert.True(topic is not null, $"{overlay}: no KafkaTopic for {name}");
            Assert.Equal(kafka.Name, topic.Metadata.Labels?["strimzi.io/cluster"]);
            var replicas = topic.Number("replicas");
            Assert.InRange(replicas ?? 0, 1, brokers);
            Assert.InRange(topic.Number("config", "min.insync.replicas") ?? 1, 1, replicas ?? 1);
            Assert.True(topic.Number("config", "retention.ms") > 0, $"{name}: no retention.ms");
            Assert.True(topic.Number("partitions") > 0, $"{name}: no partitions");
        });
        Assert.Equal(Contract.DefaultSamplePartitions, rendered.Topic(Contract.SamplesTopic)!.Number("partitions"));
    }

    [Fact]
    public void Prod_replicates_every_topic_three_times_across_three_brokers()
    {
        var rendered = Kustomize.Overlay("prod");

        Assert.All(Contract.Topics, name => Assert.Equal(3, rendered.Topic(name)!.Number("replicas")));
        Assert.Equal(3, rendered.KafkaNodePools.Where(p => Roles(p).Contains("broker")).Sum(p => p.Number("replicas")));
        Assert.Equal(3, rendered.KafkaNodePools.Where(p => Roles(p).Contains("controller")).Sum(p => p.Number("replicas")));
    }

    [Fact]
    public void Prod_runs_three_PostgreSQL_instances_backed_up_to_an_object_store()
    {
        var cluster = Assert.Single(Kustomize.Overlay("prod").PostgresClusters);

        Assert.Equal(3, cluster.Number("instances"));
        Assert.StartsWith("s3://", cluster.String("backup", "barmanObjectStore", "destinationPath"));
        Assert.NotNull(cluster.String("backup", "barmanObjectStore", "s3Credentials", "accessKeyId", "name"));
        Assert.Single(Kustomize.Overlay("prod").Custom("postgresql.cnpg.io", "ScheduledBackup"), b => b.String("cluster", "name") == cluster.Name);
    }

    [Theory]
    [MemberData(nameof(OverlaysWithPostgres))]
    public void The_database_the_services_name_is_the_one_the_cluster_bootstraps(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var cluster = Assert.Single(rendered.PostgresClusters);
        var connection = Assert.IsType<V1ConfigMap>(rendered.OfType<V1ConfigMap>().Single(c => c.Data?.ContainsKey("METRICSDB_DATABASE") == true));

        Assert.Equal(cluster.String("bootstrap", "initdb", "database"), connection.Data["METRICSDB_DATABASE"]);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_secret_the_infrastructure_and_ingresses_read_is_created_in_the_guide(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var created = DeployDoc.Load().CreatedSecrets;
        var provided = rendered.ProvidedSecrets.ToHashSet();

        var reads = rendered.OfType<V1Ingress>().SelectMany(i => i.Spec.Tls ?? []).Select(t => (Name: (string?)t.SecretName, Key: (string?)"tls.crt"))
            .Concat(rendered.PostgresClusters.SelectMany(c => new[] { "accessKeyId", "secretAccessKey" }
                .Select(field => (Name: c.String("backup", "barmanObjectStore", "s3Credentials", field, "name"), Key: c.String("backup", "barmanObjectStore", "s3Credentials", field, "key")))
                .Where(r => r.Name is not null)))
            .ToList();

        Assert.All(reads, read =>
        {
            if (provided.Contains(read.Name!))
            {
                return;
            }

            Assert.True(created.TryGetValue(read.Name!, out var keys), $"{overlay}: Secret {read.Name} is neither in the overlay nor created in docs/deploy.md");
            Assert.Contains(read.Key!, keys);
        });
    }

    private static IReadOnlyList<string> Roles(GenericResource pool) =>
        [.. (pool.At("roles") as List<object> ?? []).Select(r => r.ToString()!)];
}
