using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Extensions;
using PerfMonitor.Analytics.Health;
using V1 = PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// The service's query endpoints (REST, gRPC and JSON transcoding) as the service registers and maps them, on free
/// loopback ports over the test's database, with the given settings; no consumer or background job.
/// </summary>
public sealed class QueryApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private QueryApiHost(WebApplication app, Uri http, Uri grpc)
    {
        this.app = app;
        Http = new HttpClient { BaseAddress = http };
        Channel = GrpcChannel.ForAddress(grpc);
        Grpc = new V1.Query.QueryClient(Channel);
    }

    public HttpClient Http { get; }

    public GrpcChannel Channel { get; }

    public V1.Query.QueryClient Grpc { get; }

    public static async Task<QueryApiHost> StartAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        ListenOptions? http = null;
        ListenOptions? grpc = null;
        // Plain-text HTTP/2 needs an endpoint of its own, as in the service.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => (http = listen).Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => (grpc = listen).Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<AnomalyStore>();
        builder.Services.AddSingleton<HealthScorer>();
        builder.Services.AddOptions<HealthOptions>();
        builder.Services.AddQueryApi();
        var app = builder.Build();
        app.MapQueryApi();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(timeout.Token);
        return new QueryApiHost(app, new Uri($"http://127.0.0.1:{http!.IPEndPoint!.Port}"), new Uri($"http://127.0.0.1:{grpc!.IPEndPoint!.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
