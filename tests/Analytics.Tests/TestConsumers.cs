using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Analytics.Tests;

/// <summary>The service's rollup consumer on the test broker and database, flushing often so tests see rows soon.</summary>
public static class TestConsumers
{
    public static KafkaClientFactory Kafka(string bootstrapServers) =>
        new(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers }));

    public static RollupConsumer Create(KafkaClientFactory factory, NpgsqlDataSource dataSource)
    {
        var options = Options.Create(new RollupOptions { FlushInterval = TimeSpan.FromMilliseconds(300) });
        var sessions = new RollupSessions(new OffsetStore(dataSource), new RollupWriter(dataSource), new RollupMetrics(new NoMeters()), options);
        var loop = new KafkaConsumerLoop(factory, new NoMeters(), TimeProvider.System, NullLogger<KafkaConsumerLoop>.Instance);
        return new(loop, sessions, options, TimeProvider.System, NullLogger<RollupConsumer>.Instance);
    }
}
