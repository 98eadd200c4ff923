using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>A consumer loop's instruments, on its service's own meter and tagged with the consumer's name.</summary>
public sealed class KafkaConsumerMetrics
{
    private readonly Counter<long> records;
    private readonly Counter<long> batches;
    private readonly Counter<long> restarts;
    private readonly Histogram<double> handlerSeconds;
    private readonly Gauge<long> lag;
    private readonly KeyValuePair<string, object?> consumerTag;

    public KafkaConsumerMetrics(IMeterFactory meterFactory, KafkaConsumerSettings settings)
    {
        var meter = meterFactory.Create(settings.MeterName);
        consumerTag = new("consumer", settings.Name);
        records = meter.CreateCounter<long>("perfmon.kafka.consumer.records", "{record}", "Records handed to the consumer's handler");
        batches = meter.CreateCounter<long>("perfmon.kafka.consumer.batches", "{batch}", "Non-empty batches handed to the consumer's handler");
        restarts = meter.CreateCounter<long>("perfmon.kafka.consumer.restarts", "{restart}", "Times the consumer failed and started again from its stored offsets");
        handlerSeconds = meter.CreateHistogram<double>("perfmon.kafka.consumer.handler.duration", "s", "Time the handler took over one batch");
        lag = meter.CreateGauge<long>("perfmon.kafka.consumer.lag", "{record}", "Records behind the partition's high watermark after the last batch");
    }

    public void Handled(int count, TimeSpan elapsed)
    {
        handlerSeconds.Record(elapsed.TotalSeconds, consumerTag);
        if (count > 0)
        {
            records.Add(count, consumerTag);
            batches.Add(1, consumerTag);
        }
    }

    public void Restarted() => restarts.Add(1, consumerTag);

    /// <summary>The lag of each partition in the batch, from the high watermark librdkafka last fetched (no broker call).</summary>
    public void Lag(IConsumer<byte[], byte[]> consumer, IReadOnlyList<ConsumeResult<byte[], byte[]>> batch)
    {
        foreach (var last in batch.GroupBy(r => r.TopicPartition).Select(g => g.Last()))
        {
            var high = consumer.GetWatermarkOffsets(last.TopicPartition).High;
            if (high.Value >= 0)
            {
                lag.Record(Math.Max(0, high.Value - last.Offset.Value - 1), consumerTag,
                    new("topic", last.Topic), new("partition", last.Partition.Value));
            }
        }
    }
}
