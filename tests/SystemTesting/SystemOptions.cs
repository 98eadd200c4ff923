namespace PerfMonitor.SystemTesting;

/// <summary>How to boot the system for a test: AppHost settings for a throwaway run, plus per-service environment.</summary>
public sealed class SystemOptions
{
    /// <summary>PostgreSQL's cluster, the API key and the spool; a temp folder the caller deletes.</summary>
    public required string DataDirectory { get; init; }

    public int KafkaPartitions { get; init; } = 8;

    /// <summary>Throwaway clusters skip fsync.</summary>
    public bool DurablePostgres { get; init; }

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Extra environment variables per service name, e.g. to change an option in a test.</summary>
    public Dictionary<string, Dictionary<string, string>> ServiceEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>AppHost settings as Aspire reads them from its command line: <c>AppHost:Name=value</c>.</summary>
    public IReadOnlyList<string> AppHostArguments() =>
    [
        "AppHost:GatewayHttpPort=0",
        "AppHost:GatewayGrpcPort=0",
        $"AppHost:DataDirectory={DataDirectory}",
        $"AppHost:KafkaPartitions={KafkaPartitions}",
        $"AppHost:DurablePostgres={DurablePostgres}",
        "AppHost:AllowPrivateWebhookTargets=true",
    ];
}
