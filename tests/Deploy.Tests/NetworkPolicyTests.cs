using System.Net;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class NetworkPolicyTests
{
    private static readonly ExternalEndpoint Internet = new("an address outside the cluster", IPAddress.Parse("203.0.113.10"));

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_gateway_is_reachable_from_outside_and_from_the_ingress_controller(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var gateway = Pod(rendered, Contract.Gateway);

        foreach (var port in new[] { Contract.HttpPort, Contract.GrpcPort })
        {
            Assert.True(policies.Allows(Internet, gateway, port), $"{overlay}: {Internet} cannot reach the gateway on {port}");
            Assert.True(policies.Allows(IngressController(), gateway, port), $"{overlay}: the ingress controller cannot reach the gateway on {port}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Nothing_but_the_gateway_is_reachable_from_outside(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var outsiders = Outsiders(rendered);

        foreach (var service in Contract.Services.Where(s => s != Contract.Gateway))
        {
            var target = Pod(rendered, service);
            foreach (var source in outsiders)
            {
                foreach (var port in new[] { Contract.HttpPort, Contract.GrpcPort })
                {
                    Assert.False(policies.Allows(source, target, port), $"{overlay}: {source} reaches {service} on {port}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_gateway_reaches_the_services_behind_it_and_every_service_reaches_the_collector(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var gateway = Pod(rendered, Contract.Gateway);

        foreach (var service in Contract.DataServices)
        {
            foreach (var port in new[] { Contract.HttpPort, Contract.GrpcPort })
            {
                Assert.True(policies.Allows(gateway, Pod(rendered, service), port), $"{overlay}: the gateway cannot reach {service} on {port}");
            }
        }

        // Every service exports its own telemetry to the collector's OTLP/HTTP endpoint.
        Assert.All(Contract.Services, service =>
            Assert.True(policies.Allows(Pod(rendered, service), Pod(rendered, Contract.Collector), Contract.HttpPort), $"{overlay}: {service} cannot export to the collector"));
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void PostgreSQL_and_Kafka_are_reachable_from_the_data_services_only(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var databases = Databases(rendered).ToList();
        var strangers = new List<Endpoint> { Pod(rendered, Contract.Gateway) };

        Assert.NotEmpty(databases);
        foreach (var (database, port) in databases)
        {
            foreach (var service in Contract.DataServices)
            {
                Assert.True(policies.Allows(Pod(rendered, service), database, port), $"{overlay}: {service} cannot reach {database}:{port}");
            }

            // Pods in the namespace can only be kept away from an in-cluster database; a managed one
            // is fenced by its provider's firewall (docs/deploy.md).
            var others = database is PodEndpoint ? strangers.Concat(Outsiders(rendered)) : strangers;
            foreach (var other in others)
            {
                Assert.False(policies.Allows(other, database, port), $"{overlay}: {other} reaches {database}:{port}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void In_cluster_databases_admit_no_PerfMonitor_pod_but_the_data_services_by_themselves(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var gateway = Pod(rendered, Contract.Gateway);

        // Checked without the gateway's egress policy: each layer must hold on its own.
        foreach (var (database, port) in Databases(rendered).Where(d => d.Database is PodEndpoint))
        {
            Assert.False(policies.IngressAllows((PodEndpoint)database, gateway, port), $"{overlay}: {database}:{port} admits the gateway");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_gateway_cannot_open_a_connection_to_any_database_by_itself(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var gateway = Pod(rendered, Contract.Gateway);
        var managed = new (Endpoint, int)[]
        {
            (new ExternalEndpoint("a managed PostgreSQL", IPAddress.Parse("198.51.100.20")), 5432),
            (new ExternalEndpoint("a managed Kafka broker", IPAddress.Parse("198.51.100.30")), 9092),
        };

        // Checked without the databases' ingress policies: each layer must hold on its own.
        foreach (var (database, port) in Databases(rendered).Concat(managed))
        {
            Assert.False(policies.EgressAllows(gateway, database, port), $"{overlay}: the gateway may connect to {database}:{port}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void The_default_deny_still_lets_PostgreSQL_replicate_and_its_operator_manage_it(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);

        foreach (var cluster in rendered.PostgresClusters)
        {
            var primary = PostgresPod(rendered, cluster.Name, "primary");
            var replica = PostgresPod(rendered, cluster.Name, "replica");
            var cnpgOperator = PodEndpoint.Create("the CloudNativePG operator", "cnpg-system", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "cloudnative-pg" });

            Assert.True(policies.Allows(replica, primary, 5432), "a replica cannot stream from the primary");
            Assert.True(policies.Allows(cnpgOperator, replica, 8000), "the operator cannot reach an instance manager");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Alerting_sends_webhooks_to_the_internet_but_never_into_the_cluster_a_private_network_or_the_metadata_service(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var policies = NetworkPolicyEvaluator.For(rendered);
        var alerting = Pod(rendered, Contract.Alerting);
        // The metadata service (also IPv4-mapped and through NAT64), Service and pod IPs, private, CGNAT, loopback, IPv6 link-local.
        var forbidden = new[] { "169.254.169.254", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "fd00:ec2::254", "10.96.0.1", "10.244.1.7",
            "192.168.1.20", "172.20.0.5", "100.64.0.9", "127.0.0.1", "fe80::1" }.Select(Address).ToList();
        var pods = Contract.Services.Where(s => s != Contract.Collector && s != Contract.Analytics).Select(s => Pod(rendered, s))
            .Concat(Outsiders(rendered).OfType<PodEndpoint>()).ToList();
        var kubeDns = PodEndpoint.Create("kube-dns", "kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" });

        foreach (var port in new[] { 80, 443, 9093, Contract.HttpPort, Contract.GrpcPort })
        {
            Assert.True(policies.EgressAllows(alerting, Internet, port), $"{overlay}: alerting cannot reach {Internet} on {port}");
            Assert.True(policies.EgressAllows(alerting, Address("2001:4860:4860::8888"), port), $"{overlay}: alerting cannot reach IPv6 receivers on {port}");
            Assert.All(forbidden, target => Assert.False(policies.EgressAllows(alerting, target, port), $"{overlay}: alerting may connect to {target} on {port}"));
            Assert.All(pods, pod => Assert.False(policies.EgressAllows(alerting, pod, port), $"{overlay}: alerting may connect to {pod} on {port}"));
        }
        Assert.True(policies.EgressAllows(alerting, Pod(rendered, Contract.Collector), Contract.HttpPort), $"{overlay}: alerting cannot export its telemetry");
        // expr rules ask analytics' PromQL API, on its HTTP port only.
        Assert.True(policies.Allows(alerting, Pod(rendered, Contract.Analytics), Contract.HttpPort), $"{overlay}: alerting cannot query analytics");
        Assert.False(policies.Allows(alerting, Pod(rendered, Contract.Analytics), Contract.GrpcPort), $"{overlay}: alerting reaches analytics' gRPC port");
        Assert.True(policies.EgressAllows(alerting, kubeDns, 53, "UDP"), $"{overlay}: alerting cannot resolve names");
        Assert.All(Databases(rendered), d => Assert.True(policies.EgressAllows(alerting, d.Database, d.Port), $"{overlay}: alerting cannot reach {d.Database}:{d.Port}"));
        if (rendered.Kafka is null)
        {
            // Managed Kafka and PostgreSQL usually answer on private addresses: reachable there on their own ports only.
            var environment = EnvironmentResolver.Resolve(rendered, rendered.Workload(Contract.Alerting).Main).Values;
            var brokerPort = int.Parse(environment["ConnectionStrings__kafka"]!.Split(',')[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            var databasePort = int.Parse(environment["METRICSDB_PORT"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(policies.EgressAllows(alerting, Address("10.20.0.5"), databasePort), $"{overlay}: alerting cannot reach a private managed PostgreSQL");
            Assert.True(policies.EgressAllows(alerting, Address("10.20.1.9"), brokerPort), $"{overlay}: alerting cannot reach a private managed Kafka");
            Assert.False(policies.EgressAllows(alerting, Address("10.20.0.5"), 443), $"{overlay}: alerting may connect to private addresses on other ports");
        }
    }

    private static ExternalEndpoint Address(string address) => new($"address {address}", IPAddress.Parse(address));

    private static PodEndpoint Pod(RenderedOverlay rendered, string service) => PodEndpoint.Of(rendered, rendered.Workload(service));

    private static PodEndpoint IngressController() =>
        PodEndpoint.Create("the ingress-nginx controller", "ingress-nginx", new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "ingress-nginx",
            ["app.kubernetes.io/component"] = "controller",
        });

    private static IReadOnlyList<Endpoint> Outsiders(RenderedOverlay rendered) =>
    [
        Internet,
        IngressController(),
        PodEndpoint.Create("a pod in namespace default", "default", new Dictionary<string, string> { ["app"] = "curl" }),
        PodEndpoint.Create("a stray pod in the namespace", rendered.Namespace, new Dictionary<string, string> { ["run"] = "debug" }),
    ];

    private static PodEndpoint PostgresPod(RenderedOverlay rendered, string cluster, string role) =>
        PodEndpoint.Create($"PostgreSQL {cluster} ({role})", rendered.Namespace, new Dictionary<string, string>
        {
            ["cnpg.io/cluster"] = cluster,
            ["cnpg.io/instanceRole"] = role,
            ["role"] = role,
            ["cnpg.io/podRole"] = "instance",
        });

    /// <summary>The databases an overlay's services use: its operators' pods, or managed endpoints outside.</summary>
    private static IEnumerable<(Endpoint Database, int Port)> Databases(RenderedOverlay rendered)
    {
        foreach (var cluster in rendered.PostgresClusters)
        {
            yield return (PostgresPod(rendered, cluster.Name, "primary"), 5432);
        }

        if (rendered.Kafka is { } kafka)
        {
            var labels = NetworkPolicyEvaluator.StrimziBrokerSelector(kafka.Name);
            labels["strimzi.io/broker-role"] = "true";
            var broker = PodEndpoint.Create($"Kafka broker of {kafka.Name}", rendered.Namespace, labels);
            foreach (var listener in kafka.Maps("kafka", "listeners"))
            {
                yield return (broker, int.Parse(GenericResource.Get(listener, "port")!, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (!rendered.PostgresClusters.Any())
        {
            yield return (new ExternalEndpoint("a managed PostgreSQL", IPAddress.Parse("198.51.100.20")), 5432);
        }

        if (rendered.Kafka is null)
        {
            yield return (new ExternalEndpoint("a managed Kafka broker", IPAddress.Parse("198.51.100.30")), 9092);
        }
    }
}
