using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.LoadGen.RemoteWrite;
using Snappier;

namespace PerfMonitor.EndToEnd.Tests.LoadGen;

/// <summary>The load generator's hand-laid remote-write bodies are what the protobuf library reads as a WriteRequest.</summary>
public sealed class WriteRequestEncoderTests
{
    [Fact]
    public void A_request_decodes_to_the_chosen_series_with_one_sample_each()
    {
        var series = SeriesSet.Create("enc1", 40, 4);
        var encoder = new WriteRequestEncoder(series);

        var body = encoder.Encode(first: 10, count: 20, timestampMs: 1_764_000_000_123, valueOf: index => index * 1.5);
        var request = WriteRequest.Parser.ParseFrom(Snappy.DecompressToArray(body.Span));

        Assert.Equal(20, request.Timeseries.Count);
        for (var i = 0; i < request.Timeseries.Count; i++)
        {
            var decoded = request.Timeseries[i];
            var expected = TimeSeries.Parser.ParseFrom(series.EncodedLabels[10 + i]);
            Assert.Equal(expected.Labels, decoded.Labels);
            var sample = Assert.Single(decoded.Samples);
            Assert.Equal((10 + i) * 1.5, sample.Value);
            Assert.Equal(1_764_000_000_123, sample.Timestamp);
        }
        Assert.Equal(series.MetricNames[10 % 4], request.Timeseries[0].Labels.Single(l => l.Name == "__name__").Value);
        Assert.Equal("enc1", request.Timeseries[0].Labels.Single(l => l.Name == SeriesSet.RunLabel).Value);
    }

    [Fact]
    public void Labels_are_sorted_by_name_and_unique_per_series_as_remote_write_requires()
    {
        var series = SeriesSet.Create("enc2", 2_000, 10);

        var labelSets = series.EncodedLabels.Select(bytes => TimeSeries.Parser.ParseFrom(bytes).Labels.Select(l => (l.Name, l.Value)).ToList()).ToList();

        Assert.All(labelSets, labels => Assert.Equal(labels.Select(l => l.Name).Order(StringComparer.Ordinal), labels.Select(l => l.Name)));
        Assert.Equal(labelSets.Count, labelSets.Select(l => string.Join(",", l)).Distinct().Count());
    }

    [Fact]
    public void A_second_smaller_request_reuses_the_buffers_without_leftovers_of_the_first()
    {
        var encoder = new WriteRequestEncoder(SeriesSet.Create("enc3", 100, 2));
        encoder.Encode(0, 100, 1, _ => 1);

        var request = WriteRequest.Parser.ParseFrom(Snappy.DecompressToArray(encoder.Encode(0, 3, 2, _ => 2).Span));

        Assert.Equal(3, request.Timeseries.Count);
        Assert.All(request.Timeseries, t => Assert.Equal(2, t.Samples.Single().Timestamp));
    }
}
