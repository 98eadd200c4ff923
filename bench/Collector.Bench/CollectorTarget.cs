using PerfMonitor.Contracts;
using PerfMonitor.Embedded;
using PerfMonitor.Embedded.Kafka;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// What the bench measures against: the embedded Kafka broker in this process and one collector, the Release
/// build, started as its own process with the environment the AppHost gives it. Only the collector
/// and Kafka: no PostgreSQL, and the built-in collectors are off so that only ingest runs.
/// </summary>
public sealed class CollectorTarget : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private readonly string folder;

    private CollectorTarget(EmbeddedKafka kafka, RuntimeMetricsReceiver runtime, CollectorProcess collector, Uri grpcUrl, string folder)
    {
        Kafka = kafka;
        Runtime = runtime;
        Collector = collector;
        GrpcUrl = grpcUrl;
        this.folder = folder;
    }

    public EmbeddedKafka Kafka { get; }

    public RuntimeMetricsReceiver Runtime { get; }

    public CollectorProcess Collector { get; }

    public Uri HttpUrl => Collector.HttpUrl;

    public Uri GrpcUrl { get; }

    public static async Task<CollectorTarget> StartAsync(BenchOptions options, TextWriter log)
    {
        var folder = Directory.CreateTempSubdirectory("perfmon-collector-bench-").FullName;
        var kafka = EmbeddedKafka.Start();
        foreach (var topic in Topics.All.Append(KafkaDirectSender.Topic))
        {
            kafka.CreateTopic(topic, options.Partitions);
        }
        var runtime = await RuntimeMetricsReceiver.StartAsync(FreePort.Next());

        var http = $"http://127.0.0.1:{FreePort.Next()}";
        var grpc = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OTEL_SERVICE_NAME"] = ResourceNames.Collector,
            ["Kestrel__Endpoints__http__Url"] = http,
            ["Kestrel__Endpoints__grpc__Url"] = grpc,
            ["Kestrel__Endpoints__grpc__Protocols"] = "Http2",
            [$"ConnectionStrings__{ResourceNames.Kafka}"] = kafka.BootstrapServers,
            ["Collector__SpoolPath"] = Path.Combine(folder, "spool"),
            ["Collector__Collectors__Host__Enabled"] = "false",
            ["Collector__Collectors__Postgres__Enabled"] = "false",
            ["Collector__Collectors__KafkaLag__Enabled"] = "false",
            ["Collector__Collectors__HttpProbes__Enabled"] = "false",
            ["SelfMonitoring__MetricsEndpoint"] = runtime.Endpoint,
            ["SelfMonitoring__ExportInterval"] = "00:00:01",
        };
        var assembly = RepositoryLayout.ServiceAssembly(RepositoryLayout.FindRoot(), "Collector.Service");
        var collector = CollectorProcess.Start(assembly, environment, new Uri(http), Path.Combine(folder, "collector.log"));
        var target = new CollectorTarget(kafka, runtime, collector, new Uri(grpc), folder);
        try
        {
            await collector.WaitHealthyAsync(StartupTimeout);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
        log.WriteLine($"collector {assembly} (pid {collector.ProcessId}) on {http} and {grpc}; Kafka {kafka.BootstrapServers}, {options.Partitions} partitions");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await Collector.DisposeAsync();
        await Runtime.DisposeAsync();
        await Kafka.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
