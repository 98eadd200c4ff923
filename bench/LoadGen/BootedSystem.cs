using PerfMonitor.SystemTesting;

namespace PerfMonitor.LoadGen;

/// <summary>
/// The system a run measures: booted from the AppHost's model through Aspire.Hosting.Testing in a throwaway data
/// folder (deleted afterwards), or, with <c>--url</c>, one already running elsewhere (then <see cref="App"/> is null).
/// </summary>
public sealed class BootedSystem : IAsyncDisposable
{
    public const int Partitions = 32;
    private readonly string? dataFolder;

    private BootedSystem(LoadOptions options, PerfMonitorSystem? app, string? dataFolder)
    {
        App = app;
        this.dataFolder = dataFolder;
        GatewayUrl = options.GatewayUrl ?? app!.GatewayUrl;
        GrpcUrl = options.GatewayGrpcUrl ?? app?.GatewayGrpcUrl ?? new Uri(GatewayUrl.GetLeftPart(UriPartial.Scheme) + GatewayUrl.Host + ":5101");
        ApiKey = options.ApiKey ?? app?.ApiKey ?? throw new ArgumentException("--api-key is required with --url");
    }

    public PerfMonitorSystem? App { get; }

    public Uri GatewayUrl { get; }

    public Uri GrpcUrl { get; }

    public string ApiKey { get; }

    public static async Task<BootedSystem> StartAsync(LoadOptions options, TextWriter console, CancellationToken cancellationToken)
    {
        if (options.GatewayUrl is not null)
        {
            return new BootedSystem(options, null, null);
        }
        var folder = Path.Combine(Path.GetTempPath(), $"perfmon-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            console.WriteLine("Booting PerfMonitor from the AppHost's model (Aspire.Hosting.Testing)...");
            var app = await PerfMonitorSystem.StartAsync(new SystemOptions { DataDirectory = folder, KafkaPartitions = Partitions, DurablePostgres = true }, cancellationToken);
            app.Kafka.CreateTopic(Baselines.BaselineTopic, Partitions);
            return new BootedSystem(options, app, folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (dataFolder is not null && Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }
}
