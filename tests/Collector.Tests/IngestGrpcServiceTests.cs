using Grpc.Core;
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

    [Fact(Timeout = 60_000)]
    public async Task A_stream_lists_at_most_the_configured_refusals_and_still_counts_every_one()
    {
        using var spool = new TempFolder("grpc-ingest-spool");
        await using var services = CollectorServices(spool.Path, new() { ["Ingest:MaxErrorsPerStream"] = "10" });
        var run = Guid.NewGuid().ToString("N");
        var batches = Enumerable.Range(0, 5).Select(b => Invalid(run, b, 20)).ToList();
        var service = ActivatorUtilities.CreateInstance<IngestGrpcService>(services);

        var result = await service.Push(new BatchStream<SampleBatch>(batches), new TestCallContext(CancellationToken.None));

        Assert.Equal(0, result.Accepted);
        Assert.Equal(100, result.Rejected);
        Assert.Equal(Enumerable.Range(0, 10), result.Errors.Select(e => e.Index));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stream_past_its_sample_limit_ends_with_RESOURCE_EXHAUSTED_naming_the_limit()
    {
        using var spool = new TempFolder("grpc-ingest-spool");
        await using var services = CollectorServices(spool.Path, new() { ["Ingest:MaxSamplesPerRequest"] = "50", ["Ingest:MaxSamplesPerStream"] = "100" });
        var run = Guid.NewGuid().ToString("N");
        var stream = new BatchStream<SampleBatch>(Enumerable.Range(0, 4).Select(b => Invalid(run, b, 40)));
        var service = ActivatorUtilities.CreateInstance<IngestGrpcService>(services);

        var error = await Assert.ThrowsAsync<RpcException>(() => service.Push(stream, new TestCallContext(CancellationToken.None)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Ingest:MaxSamplesPerStream", error.Status.Detail);
        Assert.Equal(3, stream.Read);
    }

    /// <summary>Samples the pipeline refuses (NaN), so nothing of them reaches Kafka.</summary>
    private static SampleBatch Invalid(string run, int index, int count)
    {
        var batch = new SampleBatch();
        for (var i = 0; i < count; i++)
        {
            batch.Samples.Add(new Sample { Metric = "grpc_stream_limit_test", Value = double.NaN, Labels = { new Label { Name = "run", Value = $"{run}-{index}-{i}" } } });
        }
        return batch;
    }

    private ServiceProvider CollectorServices(string spoolPath, Dictionary<string, string>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Kafka}"] = kafka.BootstrapServers;
        builder.Configuration["Collector:SpoolPath"] = spoolPath;
        builder.Configuration["Ingest:MaxBatchesInFlightPerStream"] = "4";
        foreach (var (key, value) in settings ?? [])
        {
            builder.Configuration[key] = value;
        }
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
