using Confluent.Kafka;
using Google.Protobuf;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// Produces sample records for the replica tests: record r holds <paramref name="samplesPerRecord"/> gauge samples of the
/// series <paramref name="metric"/>{i="r % 16"}, keyed by the series so its partition is stable, and counts what it sent.
/// </summary>
public sealed class GaugeRecordProducer(IProducer<byte[], byte[]> producer, string metric, int samplesPerRecord, DateTimeOffset start)
{
    public int Sent { get; private set; }

    public async Task ProduceAsync(int records)
    {
        for (var r = 0; r < records; r++)
        {
            var label = new Label { Name = "i", Value = (r % 16).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var id = SeriesId.Compute(metric, [label]);
            var batch = new SampleBatch();
            for (var k = 0; k < samplesPerRecord; k++)
            {
                var sample = new Sample { SeriesId = id, Metric = metric, Value = k, TimestampUnixMs = start.ToUnixTimeMilliseconds() + k, Kind = MetricKind.Gauge };
                sample.Labels.Add(label);
                batch.Samples.Add(sample);
            }
            await producer.ProduceAsync(Topics.Samples, new Message<byte[], byte[]> { Key = BitConverter.GetBytes(id), Value = batch.ToByteArray() });
            Sent += samplesPerRecord;
        }
    }
}
