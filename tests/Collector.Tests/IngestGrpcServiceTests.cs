using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Collector.Extensions;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests;

/// <summary>The gRPC receiver with the collector's own registrations, publishing to the embedded broker.</summary>
public sealed class IngestGrpcServiceTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task Batches_in_flight_together_are_all_published_and_refusals_keep_their_index_in_the_stream()
    {
        using var spool = new TempFolder("grpc-ingest-spool");
        await using var services = CollectorServices(spool.Path);
        var publisher = services.GetRequiredService<SamplePublisher>();
        await publisher.StartAsync(CancellationToken.None);
        var run = Guid.NewGuid().ToString("N");
        // More batches than may be in flight at once, so the stream both fills the window and drains it.
        var batches = Enumerable.Range(0, 12).Select(b => Batch(run, b, invalidAt: b == 5 ? 1 : null)).ToList();
        var stream = new BatchStream<SampleBatch>(batches);
        var service = ActivatorUtilities.CreateInstance<IngestGrpcService>(services);

        var result = await service.Push(stream, new TestCallContext(CancellationToken.None));

        Assert.Equal(12 * 3 - 1, result.Accepted);
        Assert.Equal(1, result.Rejected);
        var error = Assert.Single(result.Errors);
        Assert.Equal(5 * 3 + 1, error.Index);
        Assert.Equal("value", error.Field);
        Assert.Equal(12, stream.Read);
        Assert.Equal(12 * 3 - 1, PublishedSamples.OfRun(kafka.BootstrapServers, run).Count);
    }

    private ServiceProvider CollectorServices(string spoolPath)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Kafka}"] = kafka.BootstrapServers;
        builder.Configuration["Collector:SpoolPath"] = spoolPath;
        builder.Configuration["Ingest:MaxBatchesInFlightPerStream"] = "4";
        builder.Services.AddMetrics();
        builder.AddApplicationServices();
        return builder.Services.BuildServiceProvider();
    }

    private static SampleBatch Batch(string run, int index, int? invalidAt)
    {
        var batch = new SampleBatch();
        for (var i = 0; i < 3; i++)
        {
            var sample = new Sample { Metric = "grpc_stream_test", Value = i == invalidAt ? double.NaN : i };
            sample.Labels.Add(new Label { Name = "run", Value = run });
            sample.Labels.Add(new Label { Name = "batch", Value = $"{index}-{i}" });
            batch.Samples.Add(sample);
        }
        return batch;
    }
}
