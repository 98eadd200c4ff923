using Confluent.Kafka;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// Every record of a topic as it lies in Kafka: each partition read from its beginning up to its high watermark. The
/// collector answers once Kafka has acknowledged a produce (acks=all), and the embedded broker appends the records,
/// moving the mark, before it acknowledges: all a test's act published lies below the mark, a duplicate included, so
/// no wait for the topic to go quiet is needed. The marks are looked up again after a quarter second, so a record
/// landing that much after the acknowledgment (an unawaited second produce) is read too.
/// </summary>
public static class KafkaRecords
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SecondLook = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The broker holds a fetch that found nothing for its whole wait: short, so a record of the second look is not held back.</summary>
    private const int FetchWaitMaxMs = 10;

    public static List<ConsumeResult<byte[], byte[]>> Of(string bootstrapServers, string topic)
    {
        var factory = new KafkaClientFactory(Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers, FetchWaitMaxMs = FetchWaitMaxMs }));
        var config = factory.CreateConsumerConfig($"collector-test-{Guid.NewGuid():N}");
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var partitions = Enumerable.Range(0, KafkaFixture.Partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var next = partitions.Select(p => consumer.QueryWatermarkOffsets(p, QueryTimeout).Low.Value).ToArray();
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        ReadUpTo(consumer, HighWatermarks(consumer, partitions), next, records);
        Thread.Sleep(SecondLook);
        ReadUpTo(consumer, HighWatermarks(consumer, partitions), next, records);
        return records;
    }

    public static List<Sample> SamplesOf(ConsumeResult<byte[], byte[]> record) => SampleBatch.Parser.ParseFrom(record.Message.Value).Samples.ToList();

    private static long[] HighWatermarks(IConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) =>
        partitions.Select(p => consumer.QueryWatermarkOffsets(p, QueryTimeout).High.Value).ToArray();

    /// <param name="next">Per partition, the offset to read next; moved on as records (and end-of-partition events) arrive.</param>
    private static void ReadUpTo(IConsumer<byte[], byte[]> consumer, long[] highWatermarks, long[] next, List<ConsumeResult<byte[], byte[]>> records)
    {
        var deadline = DateTime.UtcNow + ReadTimeout;
        while (next.Where((offset, p) => offset < highWatermarks[p]).Any())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Read to offsets [{string.Join(", ", next)}] of high watermarks [{string.Join(", ", highWatermarks)}] in {ReadTimeout.TotalSeconds:0} s.");
            }
            if (consumer.Consume(Poll) is not { } result)
            {
                continue;
            }
            var partition = result.Partition.Value;
            if (result.IsPartitionEOF)
            {
                next[partition] = Math.Max(next[partition], result.Offset.Value);
                continue;
            }
            records.Add(result);
            next[partition] = Math.Max(next[partition], result.Offset.Value + 1);
        }
    }
}
