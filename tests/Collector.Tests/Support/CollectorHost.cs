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
using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Contracts;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// The collector as Program.cs builds it, behind real Kestrel on free loopback ports: HTTP/1.1 for the JSON, OTLP/HTTP
/// and remote-write routes, HTTP/2 without TLS for gRPC (as the collector's gRPC endpoint is served), publishing to
/// the given broker. The built-in collectors are off; <c>settings</c> override configuration keys.
/// </summary>
public sealed class CollectorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TempFolder? spool;

    private CollectorHost(WebApplication app, TempFolder? spool)
    {
        this.app = app;
        this.spool = spool;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        HttpUrl = addresses[0];
        GrpcUrl = addresses[1];
    }

    public Uri HttpUrl { get; }

    public Uri GrpcUrl { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="spoolPath">The spool folder; a fresh temporary one when null.</param>
    public static async Task<CollectorHost> StartAsync(string kafkaBootstrapServers, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, string? spoolPath = null)
    {
        var spool = spoolPath is null ? new TempFolder("collector-host-spool") : null;
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Kafka}"] = kafkaBootstrapServers;
        builder.Configuration["Collector:SpoolPath"] = spoolPath ?? spool!.Path;
        foreach (var collector in new[] { "Host", "Postgres", "KafkaLag" })
        {
            builder.Configuration[$"Collector:Collectors:{collector}:Enabled"] = "false";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddMetrics();
        builder.AddApplicationServices();

        var app = builder.Build();
        app.UseRequestDecompression();
        app.UseExceptionHandler();
        app.MapSamplesApi();
        app.MapOtlpMetricsApi();
        app.MapRemoteWriteApi();
        app.MapGrpcService<IngestGrpcService>();
        app.MapGrpcService<OtlpMetricsGrpcService>();
        await app.StartAsync(cancellationToken);
        return new CollectorHost(app, spool);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        spool?.Dispose();
    }
}
