using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>
/// Issue 17 (memory at the hold): a consumer behind its topic buffers at most Kafka:ConsumerQueueMaxKbytes and one fetch
/// of native memory, not librdkafka's 64 MiB queue and 50 MiB fetch. What it buffered is read from librdkafka's own
/// statistics: the message bytes it fetched (rxbytes of every partition) less those handed to the application.
/// </summary>
public sealed class ConsumerBufferTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    // 16 partitions of 3 MiB: 48 MiB behind, under the embedded broker's 5 MiB retention per partition.
    private const int Partitions = 16;
    private const int RecordsPerPartition = 30;
    private const int RecordBytes = 100 * 1024;
    private const int Reads = 6;
    private static readonly TimeSpan RefillPause = TimeSpan.FromMilliseconds(300);

    [Fact(Timeout = 120_000)]
    public async Task A_consumer_behind_its_topic_buffers_no_more_than_its_queue_bound_and_one_fetch()
    {
        var topic = $"buffer-{Guid.NewGuid():N}";
        kafka.Broker.CreateTopic(topic, Partitions);
        using var host = KafkaHosts.Build([], kafka.BootstrapServers);
        var factory = host.Services.GetRequiredService<KafkaClientFactory>();
        Produce(factory, topic);

        var config = factory.CreateConsumerConfig($"group-{Guid.NewGuid():N}");
        config.StatisticsIntervalMs = 100;
        long fetched = 0;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetStatisticsHandler((_, json) => Interlocked.Exchange(ref fetched, FetchedBytes(json, topic)))
            .Build();
        consumer.Assign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        long consumed = 0;
        long mostAhead = 0;
        for (var read = 0; read < Reads; read++)
        {
            var record = await Task.Run(() => consumer.Consume(TimeSpan.FromSeconds(30)));
            Assert.NotNull(record);
            consumed += record.Message.Value.Length;
            await Task.Delay(RefillPause);
            // The statistics handler runs inside a poll; a zero-timeout poll serves it and may hand over one more record.
            if (consumer.Consume(TimeSpan.Zero) is { } extra)
            {
                consumed += extra.Message.Value.Length;
            }
            mostAhead = Math.Max(mostAhead, Interlocked.Read(ref fetched) - consumed);
        }

        var options = host.Services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        var bound = 2L * options.ConsumerQueueMaxKbytes * 1024;
        Assert.InRange(mostAhead, RecordBytes, bound);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("512")]
    [InlineData("2097152")]
    public async Task A_queue_bound_librdkafka_would_refuse_stops_the_service_at_start_naming_the_setting(string kilobytes)
    {
        using var host = KafkaHosts.Build(new() { ["Kafka:ConsumerQueueMaxKbytes"] = kilobytes });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(nameof(KafkaOptions.ConsumerQueueMaxKbytes), error.Message, StringComparison.Ordinal);
    }

    private static void Produce(KafkaClientFactory factory, string topic)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.CreateProducerConfig()).Build();
        var value = new byte[RecordBytes];
        // Incompressible, so what the broker keeps and what the consumer fetches are the sizes written here.
        Random.Shared.NextBytes(value);
        for (var partition = 0; partition < Partitions; partition++)
        {
            for (var i = 0; i < RecordsPerPartition; i++)
            {
                producer.Produce(new TopicPartition(topic, partition), new Message<byte[], byte[]> { Key = [], Value = value });
            }
        }
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
    }

    /// <summary>Message bytes fetched from the topic's partitions so far (rxbytes), from librdkafka's statistics JSON.</summary>
    private static long FetchedBytes(string statistics, string topic)
    {
        using var document = JsonDocument.Parse(statistics);
        if (!document.RootElement.GetProperty("topics").TryGetProperty(topic, out var stats))
        {
            return 0;
        }
        return stats.GetProperty("partitions").EnumerateObject()
            .Where(p => p.Value.GetProperty("partition").GetInt32() >= 0)
            .Sum(p => p.Value.GetProperty("rxbytes").GetInt64());
    }
}
