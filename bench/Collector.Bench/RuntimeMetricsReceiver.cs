using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Metrics;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// A minimal OTLP/HTTP metrics endpoint the collector exports its own metrics to (ServiceDefaults'
/// SelfMonitoring__MetricsEndpoint), read for one figure: the runtime's dotnet.gc.heap.total_allocated, the
/// collector process's GC.GetTotalAllocatedBytes. Nothing in the collector is changed for the bench.
/// </summary>
public sealed class RuntimeMetricsReceiver : IAsyncDisposable
{
    private static readonly string[] AllocatedMetrics = ["dotnet.gc.heap.total_allocated", "process.runtime.dotnet.gc.allocations.size"];
    private readonly WebApplication app;
    private TaskCompletionSource<long> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuntimeMetricsReceiver(WebApplication app, string url)
    {
        this.app = app;
        Endpoint = url + "/v1/metrics";
    }

    public string Endpoint { get; }

    public static async Task<RuntimeMetricsReceiver> StartAsync(int port)
    {
        var url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var receiver = new RuntimeMetricsReceiver(app, url);
        app.MapPost("/v1/metrics", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The collector's allocated bytes in the next export that reports them.</summary>
    public Task<long> NextAsync(CancellationToken cancellationToken) => Volatile.Read(ref next).Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var export = ExportMetricsServiceRequest.Parser.ParseFrom(body.ToArray());
        var allocated = export.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics)
            .Where(m => AllocatedMetrics.Contains(m.Name) && m.DataCase == Metric.DataOneofCase.Sum)
            .SelectMany(m => m.Sum.DataPoints)
            .Select(p => p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : (long)p.AsDouble)
            .ToList();
        if (allocated.Count > 0)
        {
            Interlocked.Exchange(ref next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(allocated.Sum());
        }
        return Results.Bytes(new ExportMetricsServiceResponse().ToByteArray(), "application/x-protobuf");
    }
}
