using PerfMonitor.Contracts;
using PerfMonitor.Hosting.Kafka;
using PerfMonitor.Hosting.Postgres;
using PerfMonitor.Hosting.Processes;

namespace PerfMonitor.Hosting;

/// <summary>
/// The whole system on this machine: PostgreSQL and Kafka (external or embedded) and the four services as
/// processes, started in dependency order with Aspire's environment conventions. AppHost and the end-to-end
/// tests both start it through here, the role Aspire.Hosting.Testing plays.
/// </summary>
public sealed class PerfMonitorApplication : IAsyncDisposable
{
    private readonly List<ServiceProcess> services = [];
    private readonly Action<string> announce;
    private int disposed;

    /// <summary>Describes the system without starting it; <see cref="StartAsync(CancellationToken)"/> starts it.</summary>
    public PerfMonitorApplication(PerfMonitorOptions options, Action<string>? announce = null)
    {
        Options = options;
        this.announce = announce ?? (_ => { });
        Database = new Resource(ResourceNames.MetricsDb, options.ExternalPostgres is null ? "postgres (embedded)" : "postgres (external)");
        Broker = new Resource(ResourceNames.Kafka, options.ExternalKafka is null ? "kafka (embedded mock cluster)" : "kafka (external)");
    }

    public PerfMonitorOptions Options { get; }

    public Resource Database { get; }

    public Resource Broker { get; }

    public EmbeddedPostgres? Postgres { get; private set; }

    public EmbeddedKafka? Kafka { get; private set; }

    public string PostgresConnectionString { get; private set; } = "";

    public string KafkaBootstrapServers { get; private set; } = "";

    /// <summary>The admin key the gateway accepts (X-Api-Key), configured or generated on first run.</summary>
    public string ApiKey { get; private set; } = "";

    public IReadOnlyList<Resource> Resources => [Database, Broker, .. services];

    public Uri GatewayUrl => new(Service(ResourceNames.Gateway).Endpoints["http"]);

    public Uri GatewayGrpcUrl => new(Service(ResourceNames.Gateway).Endpoints["grpc"]);

    public ServiceProcess Service(string name) => services.Single(s => s.Name == name);

    public static async Task<PerfMonitorApplication> StartAsync(PerfMonitorOptions options, Action<string>? announce = null, CancellationToken cancellationToken = default)
    {
        var application = new PerfMonitorApplication(options, announce);
        await application.StartAsync(cancellationToken);
        return application;
    }

    /// <summary>Starts infrastructure then services in dependency order; on failure stops what it started.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            ApiKey = Options.ApiKey ?? await ApiKeyFile.LoadOrCreateAsync(Options.ResolveDataDirectory(), cancellationToken);
            await StartInfrastructureAsync(cancellationToken);
            await StartServicesAsync(cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // Reverse dependency order: the gateway first, the infrastructure last. Every resource is stopped even
        // when stopping an earlier one fails, so nothing is left running.
        var failures = new List<Exception>();
        async Task Stop(Func<ValueTask> stop)
        {
            try
            {
                await stop();
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        foreach (var service in Enumerable.Reverse(services))
        {
            await Stop(service.DisposeAsync);
        }
        if (Postgres is not null)
        {
            await Stop(Postgres.DisposeAsync);
            Database.State = ResourceState.Stopped;
        }
        if (Kafka is not null)
        {
            await Stop(Kafka.DisposeAsync);
            Broker.State = ResourceState.Stopped;
        }
        if (failures.Count > 0)
        {
            throw new AggregateException("Some resources did not stop cleanly", failures);
        }
    }

    private async Task StartInfrastructureAsync(CancellationToken cancellationToken)
    {
        Database.State = ResourceState.Starting;
        if (Options.ExternalPostgres is null)
        {
            var folder = Path.Combine(Options.ResolveDataDirectory(), "postgres");
            Postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(folder) { Durable = Options.DurablePostgres }, cancellationToken);
            PostgresConnectionString = Postgres.ConnectionString;
            Database.Endpoints["tcp"] = $"tcp://127.0.0.1:{Postgres.Port}";
            Database.AppendLog($"data in {folder}, log in {Postgres.LogFile}");
        }
        else
        {
            PostgresConnectionString = Options.ExternalPostgres;
        }
        Database.State = ResourceState.Healthy;

        Broker.State = ResourceState.Starting;
        if (Options.ExternalKafka is null)
        {
            Kafka = EmbeddedKafka.Start();
            foreach (var topic in Topics.All)
            {
                Kafka.CreateTopic(topic, Options.KafkaPartitions);
            }
            KafkaBootstrapServers = Kafka.BootstrapServers;
            Broker.AppendLog($"topics {string.Join(", ", Topics.All)} with {Options.KafkaPartitions} partitions each; in memory only");
        }
        else
        {
            KafkaBootstrapServers = Options.ExternalKafka;
        }
        Broker.Endpoints["tcp"] = $"tcp://{KafkaBootstrapServers}";
        Broker.State = ResourceState.Healthy;
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        var endpoints = ServiceCatalog.All.ToDictionary(d => d.Name, d => new Dictionary<string, string>
        {
            ["http"] = $"http://127.0.0.1:{PortFor(d.Name, Options.GatewayHttpPort)}",
            ["grpc"] = $"http://127.0.0.1:{PortFor(d.Name, Options.GatewayGrpcPort)}",
        });

        // Services that reference nobody start together; each later tier waits for the one before to be healthy.
        var remaining = ServiceCatalog.All.ToList();
        while (remaining.Count > 0)
        {
            var tier = remaining.Where(d => d.References.All(r => services.Any(s => s.Name == r))).ToList();
            var started = tier.Select(definition => StartService(definition, endpoints)).ToList();
            await Task.WhenAll(started.Select(s => s.WaitHealthyAsync(Options.StartupTimeout, cancellationToken)));
            remaining.RemoveAll(tier.Contains);
        }
    }

    private int PortFor(string service, int gatewayPort) =>
        service == ResourceNames.Gateway && gatewayPort != 0 ? gatewayPort : FreePort.Next();

    private ServiceProcess StartService(ServiceCatalog.Definition definition, Dictionary<string, Dictionary<string, string>> endpoints)
    {
        var own = endpoints[definition.Name];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = Options.EnvironmentName,
            ["ASPNETCORE_ENVIRONMENT"] = Options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = definition.Name,
            ["Kestrel__Endpoints__http__Url"] = own["http"],
            ["Kestrel__Endpoints__grpc__Url"] = own["grpc"],
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
        };
        // PerfMonitor monitors itself: every service exports its metrics to the collector's OTLP/HTTP endpoint.
        if (definition.Name != ResourceNames.Collector || Options.CollectorMonitorsItself)
        {
            environment["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = endpoints[ResourceNames.Collector]["http"] + "/v1/metrics";
        }
        if (definition.Name == ResourceNames.Collector)
        {
            environment["Collector__SpoolPath"] = Path.Combine(Options.ResolveDataDirectory(), "spool", definition.Name);
        }
        if (definition.Name == ResourceNames.Gateway)
        {
            environment["ApiKeys__admin__Key"] = ApiKey;
            environment["ApiKeys__admin__Scopes"] = "admin";
        }
        if (definition.NeedsDatabase)
        {
            environment[$"ConnectionStrings__{ResourceNames.MetricsDb}"] = PostgresConnectionString;
        }
        if (definition.NeedsKafka)
        {
            environment[$"ConnectionStrings__{ResourceNames.Kafka}"] = KafkaBootstrapServers;
        }
        foreach (var reference in definition.References)
        {
            foreach (var (endpoint, url) in endpoints[reference])
            {
                environment[$"services__{reference}__{endpoint}__0"] = url;
            }
        }
        if (Options.ServiceEnvironment.TryGetValue(definition.Name, out var extra))
        {
            foreach (var (name, value) in extra)
            {
                environment[name] = value;
            }
        }

        var assembly = RepositoryLayout.ServiceAssembly(Options.RepositoryRoot, definition.Project);
        var launch = new ServiceLaunch(
            definition.Name,
            DotnetHost(),
            [assembly],
            Path.GetDirectoryName(assembly)!,
            environment,
            own,
            new Uri(own["http"] + "/health"),
            Path.Combine(Options.ResolveDataDirectory(), "logs", definition.Name + ".log"));
        var service = new ServiceProcess(launch, announce);
        services.Add(service);
        service.Start();
        return service;
    }

    /// <summary>The dotnet host that runs this process (set by the SDK under dotnet run/test), else the one on PATH.</summary>
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
