using Google.Protobuf;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class SampleBatchEncodingTests
{
    [Fact]
    public void The_producer_encodes_a_batch_byte_for_byte_as_protobuf_does()
    {
        var batch = new SampleBatch();
        batch.Samples.Add(new Sample { Metric = "up", Value = 1 });
        batch.Samples.Add(new Sample { Metric = "temperature", SeriesId = ulong.MaxValue, Value = -3.5, TimestampUnixMs = 1_764_000_000_000, Unit = "°C", Kind = MetricKind.Gauge, Labels = { new Label { Name = "room", Value = "Küche" } } });
        // Longer than 127 bytes, so its length prefix takes two bytes.
        batch.Samples.Add(new Sample { Metric = "long_" + new string('x', 150), Kind = MetricKind.Counter, Labels = { new Label { Name = "v", Value = new string('y', 300) } } });

        Assert.Equal(batch.ToByteArray(), SampleProducer.Encode(batch));
        Assert.Equal(new SampleBatch().ToByteArray(), SampleProducer.Encode(new SampleBatch()));
    }
}
