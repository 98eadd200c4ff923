using PerfMonitor.Collector.Prometheus;
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

        var (samples, errors) = RemoteWriteMapper.Map(write, maxLabels: 32);

        Assert.Empty(errors);
        Assert.Equal([("node_load1", 0.5, 1_000L), ("node_load1", 0.75, 2_000L)], samples.Select(s => (s.Metric, s.Value, s.TimestampUnixMs)));
        Assert.Equal(["instance", "job"], samples[0].Labels.Select(l => l.Name));
    }

    [Fact]
    public void Samples_of_one_series_share_its_labels_yet_each_is_normalised_on_its_own()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = new WriteRequest
        {
            Timeseries =
            {
                new TimeSeries
                {
                    // Out of order on purpose: normalising sorts each sample's own list.
                    Labels = { new Label { Name = "job", Value = "node" }, new Label { Name = "__name__", Value = "node_load1" }, new Label { Name = "instance", Value = "db1:9100" } },
                    Samples = { new Sample { Value = 0.5, Timestamp = now - 1 }, new Sample { Value = 0.75, Timestamp = now } },
                },
            },
        };
        var validator = new Ingestion.SampleValidator(Microsoft.Extensions.Options.Options.Create(new Ingestion.Limits.IngestOptions()), TimeProvider.System);

        var (samples, _) = RemoteWriteMapper.Map(write, maxLabels: 32);
        var unsorted = samples[1].Labels.Select(l => l.Name).ToList();
        Assert.Null(validator.Normalize(0, samples[0]));

        Assert.Equal(["job", "instance"], unsorted);
        Assert.Equal(["job", "instance"], samples[1].Labels.Select(l => l.Name));
        Assert.Null(validator.Normalize(1, samples[1]));
        Assert.Equal(["instance", "job"], samples[1].Labels.Select(l => l.Name));
        Assert.Equal(samples[0].SeriesId, samples[1].SeriesId);
        Assert.Equal([("instance", "db1:9100"), ("job", "node")], samples[0].Labels.Select(l => (l.Name, l.Value)));
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

        var (samples, errors) = RemoteWriteMapper.Map(write, maxLabels: 32);

        Assert.Single(samples);
        Assert.Equal("labels.__name__", Assert.Single(errors).Field);
    }

    [Fact]
    public void A_snappy_block_round_trips_through_the_decoder_the_receiver_uses()
    {
        var write = new WriteRequest { Timeseries = { new TimeSeries { Labels = { new Label { Name = "__name__", Value = "m" } }, Samples = { new Sample { Value = 3 } } } } };
        var body = Snappy.CompressToArray(Google.Protobuf.MessageExtensions.ToByteArray(write));

        var decoded = WriteRequest.Parser.ParseFrom(Snappy.DecompressToArray(body));

        Assert.Equal(write, decoded);
    }
}
