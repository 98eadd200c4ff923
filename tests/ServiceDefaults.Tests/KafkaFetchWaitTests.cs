using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>
/// Kafka:FetchWaitMaxMs: how long a broker may hold an empty fetch. Services keep librdkafka's 500 ms; test hosts on the
/// embedded broker, which holds an empty fetch that long even when records arrive, set less.
/// </summary>
public sealed class KafkaFetchWaitTests
{
    [Fact]
    public void Consumers_keep_librdkafka_s_fetch_wait_unless_one_is_configured()
    {
        using var defaults = KafkaHosts.Build([]);
        using var configured = KafkaHosts.Build(new() { ["Kafka:FetchWaitMaxMs"] = "50" });

        var standard = defaults.Services.GetRequiredService<KafkaClientFactory>().CreateConsumerConfig("g");
        var shortened = configured.Services.GetRequiredService<KafkaClientFactory>().CreateConsumerConfig("g");

        Assert.Equal(500, standard.FetchWaitMaxMs);
        Assert.Equal(50, shortened.FetchWaitMaxMs);
    }
}
