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
