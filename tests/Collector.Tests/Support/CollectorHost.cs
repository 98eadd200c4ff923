using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfMonitor.Collector.Extensions;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Otlp;
using PerfMonitor.Contracts;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// The collector's registrations and gRPC receivers behind real Kestrel on a free loopback port (HTTP/2 without TLS,
/// as the collector's gRPC endpoint is served), publishing to the given broker. The built-in collectors are off.
/// </summary>
public sealed class CollectorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TempFolder spool;

    private CollectorHost(WebApplication app, TempFolder spool)
    {
        this.app = app;
        this.spool = spool;
        GrpcUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public Uri GrpcUrl { get; }

    public static async Task<CollectorHost> StartAsync(string kafkaBootstrapServers, CancellationToken cancellationToken)
    {
        var spool = new TempFolder("collector-host-spool");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Kafka}"] = kafkaBootstrapServers;
        builder.Configuration["Collector:SpoolPath"] = spool.Path;
        foreach (var collector in new[] { "Host", "Postgres", "KafkaLag" })
        {
            builder.Configuration[$"Collector:Collectors:{collector}:Enabled"] = "false";
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddMetrics();
        builder.AddApplicationServices();

        var app = builder.Build();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<OtlpMetricsGrpcService>();
        await app.StartAsync(cancellationToken);
        return new CollectorHost(app, spool);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        spool.Dispose();
    }
}
