using Confluent.Kafka;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>Every record of a topic as it lies in Kafka, read from the beginning until the topic has gone quiet.</summary>
public static class KafkaRecords
{
    private static readonly TimeSpan FirstRecordWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QuietAfterLast = TimeSpan.FromSeconds(2);

    public static List<ConsumeResult<byte[], byte[]>> Of(string bootstrapServers, string topic)
    {
        var factory = new KafkaClientFactory(Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers }));
        using var consumer = new ConsumerBuilder<byte[], byte[]>(factory.CreateConsumerConfig($"collector-test-{Guid.NewGuid():N}")).Build();
        consumer.Assign(Enumerable.Range(0, KafkaFixture.Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[], byte[]>>();
        var idle = DateTime.UtcNow + FirstRecordWait;
        while (DateTime.UtcNow < idle)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } record)
            {
                records.Add(record);
                idle = DateTime.UtcNow + QuietAfterLast;
            }
        }
        return records;
    }

    public static List<Sample> SamplesOf(ConsumeResult<byte[], byte[]> record) => SampleBatch.Parser.ParseFrom(record.Message.Value).Samples.ToList();
}
