namespace PerfMonitor.Hosting;

/// <summary>What to start and where. Defaults give the local development system that AppHost runs.</summary>
public sealed class PerfMonitorOptions
{
    public string RepositoryRoot { get; set; } = RepositoryLayout.FindRoot();

    /// <summary>Embedded PostgreSQL data, generated secrets and service logs. Defaults to the repo's ignored .data/.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>An external PostgreSQL (Npgsql connection string); when null, an embedded cluster is started.</summary>
    public string? ExternalPostgres { get; set; }

    /// <summary>External Kafka bootstrap servers; when null, the embedded Kafka-protocol broker is hosted in this process.</summary>
    public string? ExternalKafka { get; set; }

    /// <summary>The gateway's REST/OTLP/dashboard port; 0 picks a free one.</summary>
    public int GatewayHttpPort { get; set; } = 5100;

    /// <summary>The gateway's plain-text HTTP/2 port for gRPC; 0 picks a free one.</summary>
    public int GatewayGrpcPort { get; set; } = 5101;

    /// <summary>Test clusters trade crash safety for speed.</summary>
    public bool DurablePostgres { get; set; } = true;

    public int KafkaPartitions { get; set; } = 32;

    public string EnvironmentName { get; set; } = "Development";

    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Extra environment variables per service name, e.g. to change an option in a test.</summary>
    public Dictionary<string, Dictionary<string, string>> ServiceEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the collector exports its own telemetry to itself, like every other service does.</summary>
    public bool CollectorMonitorsItself { get; set; } = true;

    /// <summary>The gateway's admin API key; when null, one is generated and kept in the data folder's api-key file.</summary>
    public string? ApiKey { get; set; }

    public string ResolveDataDirectory() => DataDirectory ?? Path.Combine(RepositoryRoot, ".data");
}
