using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Analytics.Tests;

/// <summary>The service's rollup consumer on the test broker and database, flushing often so tests see rows soon.</summary>
public static class TestConsumers
{
    /// <summary>
    /// A member learns of a rebalance from its next heartbeat (2 s apart by default), and the embedded broker holds an
    /// empty fetch for its whole wait (500 ms by default) even when records arrive: both shorter here.
    /// </summary>
    public static KafkaClientFactory Kafka(string bootstrapServers) =>
        new(Options.Create(new KafkaOptions { BootstrapServers = bootstrapServers, HeartbeatIntervalMs = 500, FetchWaitMaxMs = 50 }));

    public static RollupConsumer Create(KafkaClientFactory factory, NpgsqlDataSource dataSource)
    {
        var options = Options.Create(new RollupOptions { FlushInterval = TimeSpan.FromMilliseconds(300) });
        var sessions = new RollupSessions(new OffsetStore(dataSource), new RollupWriter(dataSource), new RollupMetrics(new NoMeters()), options);
        var loop = new KafkaConsumerLoop(factory, new NoMeters(), TimeProvider.System, NullLogger<KafkaConsumerLoop>.Instance);
        return new(loop, sessions, options, TimeProvider.System, NullLogger<RollupConsumer>.Instance);
    }
}
