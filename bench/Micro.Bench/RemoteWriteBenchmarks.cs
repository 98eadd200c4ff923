using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Contracts.Prometheus;
using Snappier;

namespace PerfMonitor.Micro.Bench;

/// <summary>
/// The collector's CPU work for one remote-write request as LoadGen's remote-write workload sends it (2,000 series of
/// seven labels, one sample each, snappy): decompress and parse, map to samples, validate and normalise, then plan the
/// Kafka records (one per partition of 32). Divide by 2,000 for per-sample figures. <see cref="DecodeOnly"/> is the
/// baseline: what the protobuf library alone costs on the same bytes. <see cref="DecodeMapValidatePlan"/> is the steady
/// state, every series seen before (remote write resends them all every request); <see cref="DecodeMapValidatePlanNewSeries"/>
/// is a request of series the receiver has not seen, with an empty series cache; <see cref="MapCached"/> and
/// <see cref="MapNewSeries"/> are the same two without validation and planning, the mapper's own share;
/// <see cref="DecodeMapValidatePlanPerSample"/> validates and encodes every sample whole, as the receiver did before
/// each series was prepared once.
/// Run each alone (one filter per process) to compare times: in one process the later methods find the validator and
/// the batcher already tiered up by the earlier ones.
/// </summary>
[MemoryDiagnoser]
public class RemoteWriteBenchmarks
{
    private const int SeriesPerRequest = 2_000;
    private const int Partitions = 32;
    private readonly SampleValidator validator = new(Options.Create(new IngestOptions()), TimeProvider.System);
    private readonly SampleBatcher batcher = SampleBatcher.ForMessageMaxBytes(1_000_000);
    private readonly SeriesLabelCache cache = NewCache();
    private byte[] compressed = [];

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = new WriteRequest();
        for (var i = 0; i < SeriesPerRequest; i++)
        {
            var series = new TimeSeries();
            series.Labels.Add(new Label { Name = "__name__", Value = $"bench_remote_write_metric_{i % 10}" });
            series.Labels.Add(new Label { Name = "instance", Value = $"host-{i % 50}:9100" });
            series.Labels.Add(new Label { Name = "job", Value = "node" });
            series.Labels.Add(new Label { Name = "method", Value = (i % 3) switch { 0 => "GET", 1 => "POST", _ => "PUT" } });
            series.Labels.Add(new Label { Name = "route", Value = $"/api/v1/resource/{i % 40}" });
            series.Labels.Add(new Label { Name = "run", Value = "rw-bench" });
            series.Labels.Add(new Label { Name = "service", Value = $"svc-{i % 20}" });
            series.Samples.Add(new Sample { Value = i * 0.5, Timestamp = now });
            write.Timeseries.Add(series);
        }
        compressed = Snappy.CompressToArray(write.ToByteArray());
    }

    [Benchmark(Baseline = true)]
    public int DecodeOnly() => WriteRequest.Parser.ParseFrom(Snappy.DecompressToArray(compressed)).Timeseries.Count;

    [Benchmark]
    public int DecodeMapValidatePlan() => MapValidatePlan(cache);

    [Benchmark]
    public int DecodeMapValidatePlanNewSeries() => MapValidatePlan(NewCache());

    /// <summary>The same request with every sample validated and encoded whole, as the receiver did before series were prepared once.</summary>
    [Benchmark]
    public int DecodeMapValidatePlanPerSample()
    {
        var (samples, _, _) = RemoteWriteMapper.Map(Snappy.DecompressToArray(compressed), new IngestOptions().MaxLabels, cache, validator);
        for (var i = 0; i < samples.Count; i++)
        {
            validator.Normalize(i, samples[i]);
        }
        return batcher.Plan(samples, Partitions).Batches.Count;
    }

    [Benchmark]
    public int MapCached() => RemoteWriteMapper.Map(Snappy.DecompressToArray(compressed), new IngestOptions().MaxLabels, cache, validator).Samples.Count;

    [Benchmark]
    public int MapNewSeries() => RemoteWriteMapper.Map(Snappy.DecompressToArray(compressed), new IngestOptions().MaxLabels, NewCache(), validator).Samples.Count;

    private static SeriesLabelCache NewCache() =>
        new(new IngestOptions().RemoteWriteSeriesCacheSize, SeriesLabelCache.MaxValidLabelBytes(new IngestOptions()));

    /// <summary>What the receiver does with a request: map, check each sample's own fields (its series was checked once), plan from the series' encodings.</summary>
    private int MapValidatePlan(SeriesLabelCache seriesCache)
    {
        var (samples, _, series) = RemoteWriteMapper.Map(Snappy.DecompressToArray(compressed), new IngestOptions().MaxLabels, seriesCache, validator);
        var encodings = new SeriesEncoding?[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            validator.CheckPoint(i, samples[i]);
            encodings[i] = series[i]?.Encoding;
        }
        return batcher.Plan(samples, Partitions, encodings).Batches.Count;
    }
}
