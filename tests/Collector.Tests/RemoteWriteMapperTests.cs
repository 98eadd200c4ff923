using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Prometheus;
using Snappier;

namespace PerfMonitor.Collector.Tests;

public sealed class RemoteWriteMapperTests
{
    [Fact]
    public void The_name_label_becomes_the_metric_and_every_sample_of_a_series_a_sample()
    {
        var write = new WriteRequest
        {
            Timeseries =
            {
                new TimeSeries
                {
                    Labels = { new Label { Name = "__name__", Value = "node_load1" }, new Label { Name = "instance", Value = "db1:9100" }, new Label { Name = "job", Value = "node" } },
                    Samples = { new Sample { Value = 0.5, Timestamp = 1_000 }, new Sample { Value = 0.75, Timestamp = 2_000 } },
                },
            },
        };

        var (samples, errors, _) = RemoteWriteMapper.Map(write.ToByteArray(), 32, Cache(), Validator);

        Assert.Empty(errors);
        Assert.Equal([("node_load1", 0.5, 1_000L), ("node_load1", 0.75, 2_000L)], samples.Select(s => (s.Metric, s.Value, s.TimestampUnixMs)));
        Assert.Equal(["instance", "job"], samples[0].Labels.Select(l => l.Name));
    }

    [Fact]
    public void Samples_of_one_series_share_its_labels_normalised_once_as_the_validator_normalises_a_sample()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = new WriteRequest
        {
            Timeseries =
            {
                new TimeSeries
                {
                    // Out of order on purpose: the series is sorted once, for all its samples.
                    Labels = { new Label { Name = "job", Value = "node" }, new Label { Name = "__name__", Value = "node_load1" }, new Label { Name = "instance", Value = "db1:9100" } },
                    Samples = { new Sample { Value = 0.5, Timestamp = now - 1 }, new Sample { Value = 0.75, Timestamp = now } },
                },
            },
        };
        var whole = new Contracts.V1.Sample { Metric = "node_load1", Value = 0.5, TimestampUnixMs = now - 1, Temporality = Contracts.V1.Temporality.Cumulative };
        whole.Labels.Add(new Contracts.V1.Label { Name = "job", Value = "node" });
        whole.Labels.Add(new Contracts.V1.Label { Name = "instance", Value = "db1:9100" });
        Assert.Null(Validator.Normalize(0, whole));

        var (samples, errors, series) = RemoteWriteMapper.Map(write.ToByteArray(), 32, Cache(), Validator);

        Assert.Empty(errors);
        Assert.Equal(whole, samples[0]);
        Assert.Equal(samples[0].SeriesId, samples[1].SeriesId);
        Assert.Same(samples[0].Labels[0], samples[1].Labels[0]);
        Assert.Same(series[0], series[1]);
        Assert.Null(Validator.CheckPoint(1, samples[1]));
    }

    [Fact]
    public void Staleness_markers_are_skipped_and_a_series_without_a_name_is_refused_by_index()
    {
        var stale = BitConverter.UInt64BitsToDouble(RemoteWriteMapper.StaleNaNBits);
        var write = new WriteRequest
        {
            Timeseries =
            {
                new TimeSeries { Labels = { new Label { Name = "__name__", Value = "up" } }, Samples = { new Sample { Value = stale, Timestamp = 1 } } },
                new TimeSeries { Labels = { new Label { Name = "job", Value = "x" } }, Samples = { new Sample { Value = 1, Timestamp = 1 } } },
            },
        };

        var (samples, errors, _) = RemoteWriteMapper.Map(write.ToByteArray(), 32, Cache(), Validator);

        Assert.Single(samples);
        Assert.Equal("labels.__name__", Assert.Single(errors).Field);
    }

    [Fact]
    public void A_snappy_block_round_trips_through_the_decoder_the_receiver_uses()
    {
        var write = new WriteRequest { Timeseries = { new TimeSeries { Labels = { new Label { Name = "__name__", Value = "m" } }, Samples = { new Sample { Value = 3 } } } } };
        var body = Snappy.CompressToArray(write.ToByteArray());

        var decoded = WriteRequest.Parser.ParseFrom(Snappy.DecompressToArray(body));

        Assert.Equal(write, decoded);
    }

    [Fact]
    public void A_series_sent_again_is_not_decoded_again_but_shares_the_labels_decoded_the_first_time()
    {
        var cache = Cache();
        var write = Write(("node_load1", "db1:9100"), ("node_load5", "db1:9100")).ToByteArray();

        var (first, _, _) = RemoteWriteMapper.Map(write, 32, cache, Validator);
        var (again, errors, _) = RemoteWriteMapper.Map(write, 32, cache, Validator);

        Assert.Empty(errors);
        Assert.Equal(2, cache.Count);
        Assert.Equal(first.Select(s => (s.Metric, s.Value)), again.Select(s => (s.Metric, s.Value)));
        Assert.Same(first[1].Metric, again[1].Metric);
        Assert.Same(first[1].Labels[0], again[1].Labels[0]);
        Assert.NotSame(first[1], again[1]);
    }

    [Fact]
    public void At_its_cap_the_cache_drops_the_series_not_seen_since_and_counts_them()
    {
        var cache = new SeriesLabelCache(capacity: 4, maxKeyBytes: 1_000);
        SeriesLabels Labels(string metric) => new(metric, [], 1);
        byte[] Key(string metric) => System.Text.Encoding.UTF8.GetBytes(metric);

        foreach (var metric in new[] { "a", "b", "c", "d" })
        {
            cache.Add(Key(metric), Labels(metric));
        }
        // "a" is seen again; "b" is not, and is dropped when the next generation fills.
        Assert.True(cache.TryGet(Key("a"), out _));

        Assert.Equal(1, cache.Evictions);
        Assert.False(cache.TryGet(Key("b"), out _));
        Assert.All(new[] { "a", "c", "d" }, metric => Assert.True(cache.TryGet(Key(metric), out var kept) && kept.Metric == metric));
        Assert.True(cache.Count <= 4);
    }

    [Fact]
    public void Labels_longer_than_a_valid_series_can_have_are_decoded_but_never_kept()
    {
        var cache = new SeriesLabelCache(capacity: 100, maxKeyBytes: 40);
        var write = Write(("m", new string('x', 64))).ToByteArray();

        var (samples, _, _) = RemoteWriteMapper.Map(write, 32, cache, Validator);

        Assert.Equal(new string('x', 64), Assert.Single(samples).Labels.Single().Value);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Labels_interleaved_with_samples_are_read_like_the_protobuf_library_reads_them_and_not_cached()
    {
        var cache = Cache();
        var name = new Label { Name = "__name__", Value = "up" }.ToByteArray();
        var job = new Label { Name = "job", Value = "node" }.ToByteArray();
        var point = new Sample { Value = 1, Timestamp = 5 }.ToByteArray();
        byte[] series = [.. Wire.Field(1, name), .. Wire.Field(2, point), .. Wire.Field(1, job)];
        var write = Wire.Field(1, series);

        var (samples, errors, _) = RemoteWriteMapper.Map(write, 32, cache, Validator);

        Assert.Empty(errors);
        var sample = Assert.Single(samples);
        Assert.Equal(("up", "job", "node", 1.0, 5L), (sample.Metric, sample.Labels.Single().Name, sample.Labels.Single().Value, sample.Value, sample.TimestampUnixMs));
        Assert.Equal(WriteRequest.Parser.ParseFrom(write).Timeseries.Single().Labels.Count, sample.Labels.Count + 1);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_truncated_write_request_is_refused_rather_than_read_past_its_end()
    {
        var write = Write(("node_load1", "db1:9100")).ToByteArray();

        Assert.Throws<InvalidDataException>(() => RemoteWriteMapper.Map(write.AsSpan(0, write.Length - 4), 32, Cache(), Validator));
    }

    private static readonly SampleValidator Validator = new(Options.Create(new IngestOptions()), TimeProvider.System);

    private static SeriesLabelCache Cache() => new(capacity: 1_000, maxKeyBytes: 100_000);

    private static WriteRequest Write(params (string Metric, string Instance)[] series)
    {
        var write = new WriteRequest();
        foreach (var (metric, instance) in series)
        {
            write.Timeseries.Add(new TimeSeries
            {
                Labels = { new Label { Name = "__name__", Value = metric }, new Label { Name = "instance", Value = instance } },
                Samples = { new Sample { Value = 0.5, Timestamp = 1_000 } },
            });
        }
        return write;
    }
}
