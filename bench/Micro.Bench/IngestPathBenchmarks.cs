using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Micro.Bench;

/// <summary>
/// The collector's per-sample work before Kafka: validate and normalise (sort labels, series id), then encode the
/// batch. The baseline encodes the same batch without validation, so the ratio is what validation costs.
/// Each operation is one 1,000-sample batch: divide time and allocations by 1,000 for per-sample figures.
/// </summary>
[MemoryDiagnoser]
public class IngestPathBenchmarks
{
    private const int BatchSize = 1_000;
    private readonly SampleValidator validator = new(Options.Create(new IngestOptions()), TimeProvider.System);
    private SampleBatch template = new();

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < BatchSize; i++)
        {
            var sample = new Sample { Metric = "http_request_duration_ms", Value = i, TimestampUnixMs = now };
            sample.Labels.Add(new Label { Name = "service", Value = $"svc{i % 20}" });
            sample.Labels.Add(new Label { Name = "route", Value = $"/api/r{i % 50}" });
            sample.Labels.Add(new Label { Name = "method", Value = "GET" });
            sample.Labels.Add(new Label { Name = "status", Value = "200" });
            template.Samples.Add(sample);
        }
    }

    [Benchmark(Baseline = true)]
    public int EncodeOnly() => template.Clone().ToByteArray().Length;

    [Benchmark]
    public int ValidateAndEncode()
    {
        var batch = template.Clone();
        for (var i = 0; i < batch.Samples.Count; i++)
        {
            validator.Normalize(i, batch.Samples[i]);
        }
        return batch.ToByteArray().Length;
    }

    /// <summary>What the collector does per batch since it encodes with each sample's size computed once.</summary>
    [Benchmark]
    public int ValidateAndEncodeAsProduced()
    {
        var batch = template.Clone();
        for (var i = 0; i < batch.Samples.Count; i++)
        {
            validator.Normalize(i, batch.Samples[i]);
        }
        return SampleProducer.Encode(batch).Length;
    }

    [Benchmark]
    public int Decode() => SampleBatch.Parser.ParseFrom(template.ToByteArray()).Samples.Count;
}
