using Confluent.Kafka;
using Google.Protobuf;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Two replicas in one group: a rebalance mid-stream neither loses nor double-counts a sample.</summary>
[Trait("Category", "System")]
public sealed class RebalanceTests(AnalyticsDatabase postgres, KafkaFixture kafka) : IClassFixture<AnalyticsDatabase>, IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task Counts_equal_samples_sent_across_a_rebalance_and_a_replica_stopping()
    {
        var factory = TestConsumers.Kafka(kafka.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.CreateProducerConfig()).Build();
        var records = new GaugeRecordProducer(producer, "rebalance_metric", 100, DateTimeOffset.UtcNow.AddMinutes(-1));

        await records.ProduceAsync(200);
        var first = Consumer(factory);
        await first.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(CountAsync, c => c > 0, TimeSpan.FromSeconds(60), "the first replica's rows");
        var second = Consumer(factory);
        await second.StartAsync(CancellationToken.None);
        await records.ProduceAsync(200);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await first.StopAsync(CancellationToken.None);
        await records.ProduceAsync(100);

        var counted = await Eventually.GetAsync(CountAsync, c => c >= records.Sent, TimeSpan.FromSeconds(90), $"{records.Sent} samples counted");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var settled = await CountAsync();
        await second.StopAsync(CancellationToken.None);

        Assert.Equal(records.Sent, counted);
        Assert.Equal(records.Sent, settled);
    }

    private RollupConsumer Consumer(KafkaClientFactory factory) => TestConsumers.Create(factory, dataSource);

    private async Task<long> CountAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(sum(r.count), 0)::bigint FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id) WHERE s.metric = 'rebalance_metric'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
