using Confluent.Kafka;
using PerfMonitor.Embedded.Kafka;

namespace PerfMonitor.AppHost.Tests;

public sealed class EmbeddedKafkaTests
{
    private const string Topic = "hosting.test";

    [Fact(Timeout = 60_000)]
    public async Task A_real_Kafka_client_produces_and_consumes_through_the_embedded_broker()
    {
        await using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic(Topic, 4);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build();

        var delivered = await producer.ProduceAsync(new TopicPartition(Topic, 3), new Message<string, string> { Key = "k", Value = "hello" });

        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.StartsWith("127.0.0.1:", kafka.BootstrapServers, StringComparison.Ordinal);
        Assert.Equal("hello", ReadOne(kafka.BootstrapServers, new TopicPartition(Topic, 3)));
    }

    [Fact(Timeout = 90_000)]
    public async Task An_outage_refuses_clients_and_keeps_the_data_for_when_it_returns()
    {
        await using var kafka = EmbeddedKafka.Start();
        kafka.CreateTopic(Topic, 1);
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, MessageTimeoutMs = 3_000 }).Build();
        await producer.ProduceAsync(Topic, new Message<Null, string> { Value = "before" });

        kafka.SetDown();
        await Assert.ThrowsAsync<ProduceException<Null, string>>(() => producer.ProduceAsync(Topic, new Message<Null, string> { Value = "during" }));
        kafka.SetUp();
        await producer.ProduceAsync(Topic, new Message<Null, string> { Value = "after" });

        Assert.Equal("before", ReadOne(kafka.BootstrapServers, new TopicPartition(Topic, 0)));
    }

    private static string ReadOne(string bootstrapServers, TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = Guid.NewGuid().ToString() }).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var record = consumer.Consume(TimeSpan.FromSeconds(20));
        return record?.Message.Value ?? "(nothing)";
    }
}
