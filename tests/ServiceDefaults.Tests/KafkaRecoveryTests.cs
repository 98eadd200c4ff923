using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>
/// Issue 18 item 11: after a broker outage or a consumer's restart, consumption resumes within seconds. librdkafka's
/// defaults (a 45 s session, reconnects backing off to 10 s) are what made recovery take 45-61 s.
/// </summary>
public sealed class KafkaRecoveryTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    [Fact]
    public void Consumers_lose_a_dead_member_within_seconds_and_every_client_reconnects_without_a_long_backoff()
    {
        using var host = KafkaHosts.Build([]);
        var factory = host.Services.GetRequiredService<KafkaClientFactory>();

        var consumer = factory.CreateConsumerConfig("g");
        ClientConfig[] configs = [factory.CreateProducerConfig(), consumer, factory.CreateAdminConfig()];

        Assert.Equal(6_000, consumer.SessionTimeoutMs);
        Assert.Equal(2_000, consumer.HeartbeatIntervalMs);
        Assert.Null(consumer.GroupInstanceId);
        Assert.All(configs, config =>
        {
            Assert.Equal(50, config.ReconnectBackoffMs);
            Assert.Equal(1_000, config.ReconnectBackoffMaxMs);
        });
    }

    [Theory(Timeout = 30_000)]
    [InlineData("Kafka:HeartbeatIntervalMs", "3000", "HeartbeatIntervalMs")]
    [InlineData("Kafka:ReconnectBackoffMs", "5000", "ReconnectBackoffMs")]
    [InlineData("Kafka:GroupInstanceId", "two words", "GroupInstanceId")]
    public async Task Inconsistent_recovery_settings_stop_the_service_at_start_naming_the_setting(string key, string value, string named)
    {
        using var host = KafkaHosts.Build(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_group_instance_id_reaches_every_consumer()
    {
        using var host = KafkaHosts.Build(new() { ["Kafka:GroupInstanceId"] = "analytics-0" });

        var config = host.Services.GetRequiredService<KafkaClientFactory>().CreateConsumerConfig("g");

        Assert.Equal("analytics-0", config.GroupInstanceId);
    }

    [Fact]
    public void Two_replicas_on_one_host_never_share_an_instance_id_and_a_restarted_one_takes_its_own_back()
    {
        using var folder = new TempFolder("kafka-members");
        var options = new KafkaOptions { BootstrapServers = "b:9092", StaticMembership = true };

        string first;
        using (var replica = KafkaGroupInstance.Resolve(options, "analytics", folder.Path))
        using (var sibling = KafkaGroupInstance.Resolve(options, "analytics", folder.Path))
        {
            first = Assert.IsType<string>(replica.Id);
            Assert.NotNull(sibling.Id);
            Assert.NotEqual(first, sibling.Id);
            Assert.Matches("^[a-zA-Z0-9._-]+$", first);
        }
        using var restarted = KafkaGroupInstance.Resolve(options, "analytics", folder.Path);

        Assert.Equal(first, restarted.Id);
    }

    /// <summary>
    /// The embedded broker (librdkafka's mock cluster) accepts static members, so the setting can be tried locally, but it
    /// matches members by member id only: a restarted static member rejoins as a new one and waits out the old one's
    /// session. Only the session timeout bounds the wait here; the timeout guards a hang.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task A_static_member_restarted_under_its_id_on_the_embedded_broker_consumes_again()
    {
        var topic = $"static-{Guid.NewGuid():N}";
        kafka.Broker.CreateTopic(topic, 2);
        var factory = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = kafka.BootstrapServers, GroupInstanceId = "replica-0" }));
        var group = $"g{Guid.NewGuid():N}";
        using var producer = new ProducerBuilder<string, string>(factory.CreateProducerConfig()).Build();

        await producer.ProduceAsync(topic, new Message<string, string> { Key = "a", Value = "before" });
        Assert.Equal("before", ReadOne(factory, group, topic));
        await producer.ProduceAsync(topic, new Message<string, string> { Key = "a", Value = "after" });

        Assert.Equal("after", ReadOne(factory, group, topic));
    }

    /// <summary>Reads the next record of the group and stores its offset, then stops as a crashed static member would: without leaving.</summary>
    private static string? ReadOne(KafkaClientFactory factory, string group, string topic)
    {
        using var consumer = new ConsumerBuilder<string, string>(factory.CreateConsumerConfig(group)).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } record)
            {
                consumer.Commit([new TopicPartitionOffset(record.TopicPartition, record.Offset + 1)]);
                consumer.Close();
                return record.Message.Value;
            }
        }
        return null;
    }
}
