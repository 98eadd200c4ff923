using Confluent.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>Reads back what reached the samples topic: every sample labelled run=<c>run</c>, once the topic has gone quiet.</summary>
public static class PublishedSamples
{
    private static readonly TimeSpan FirstRecordWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QuietAfterLast = TimeSpan.FromSeconds(2);

    public static List<Sample> OfRun(string bootstrapServers, string run)
    {
        var factory = new KafkaClientFactory(Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers }));
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(factory.CreateConsumerConfig($"collector-test-{run}")).Build();
        consumer.Assign(Enumerable.Range(0, KafkaFixture.Partitions).Select(p => new TopicPartitionOffset(Topics.Samples, p, Offset.Beginning)));
        var samples = new List<Sample>();
        var idle = DateTime.UtcNow + FirstRecordWait;
        while (DateTime.UtcNow < idle)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } record)
            {
                samples.AddRange(SampleBatch.Parser.ParseFrom(record.Message.Value).Samples.Where(s => s.Labels.Any(l => l.Name == "run" && l.Value == run)));
                idle = DateTime.UtcNow + QuietAfterLast;
            }
        }
        return samples;
    }
}
