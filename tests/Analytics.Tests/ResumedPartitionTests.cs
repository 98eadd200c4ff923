using Confluent.Kafka;
using Google.Protobuf;
using Npgsql;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// A replica that takes partitions over resumes them from the offsets stored in PostgreSQL; librdkafka restarting a
/// partition at its beginning afterwards (its own offset look-up answered late) must not count its samples again.
/// </summary>
public sealed class ResumedPartitionTests(AnalyticsDatabase postgres, KafkaFixture kafka) : IClassFixture<AnalyticsDatabase>, IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private const string Metric = "resumed_metric";
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task Counts_stay_exact_when_a_resumed_partition_is_fetched_again_from_its_beginning()
    {
        var factory = TestConsumers.Kafka(kafka.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.CreateProducerConfig()).Build();
        var records = new GaugeRecordProducer(producer, Metric, 10, DateTimeOffset.UtcNow.AddMinutes(-1));

        await records.ProduceAsync(64);
        var first = TestConsumers.Create(factory, dataSource);
        await first.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(CountAsync, c => c >= records.Sent, TimeSpan.FromSeconds(60), "the first replica's rows");
        await first.StopAsync(CancellationToken.None);

        // The next replica's partitions start at auto.offset.reset (nothing is committed to Kafka) and librdkafka looks up
        // their beginning about 100 ms after the assignment; the broker holds those answers for 1.5 s. Its assign hook
        // reads the stored offsets behind a lock held for 700 ms, so its seeks land while the look-ups are outstanding.
        kafka.Broker.DelayOffsetLookups(TimeSpan.FromMilliseconds(1500), times: KafkaFixture.Partitions);
        await using (var locking = await dataSource.OpenConnectionAsync())
        await using (var hold = await locking.BeginTransactionAsync())
        {
            await using (var lockOffsets = new NpgsqlCommand("LOCK TABLE perfmon.consumer_offsets IN ACCESS EXCLUSIVE MODE", locking, hold))
            {
                await lockOffsets.ExecuteNonQueryAsync();
            }
            var second = TestConsumers.Create(factory, dataSource);
            await second.StartAsync(CancellationToken.None);
            await Eventually.GetAsync(WaitingOnOffsetsAsync, waiting => waiting, TimeSpan.FromSeconds(60), "the assign hook waiting on the stored offsets");
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            await hold.CommitAsync();
            await records.ProduceAsync(64);

            var counted = await Eventually.GetAsync(CountAsync, c => c >= records.Sent, TimeSpan.FromSeconds(60), $"{records.Sent} samples counted");
            // The late answers, the second look-ups and the fetches from the beginning follow within about 2 s.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var settled = await CountAsync();
            await second.StopAsync(CancellationToken.None);

            Assert.Equal(records.Sent, counted);
            Assert.Equal(records.Sent, settled);
        }
    }

    private async Task<bool> WaitingOnOffsetsAsync()
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'consumer_offsets' AND NOT l.granted)");
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync()
    {
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(r.count), 0)::bigint FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id) WHERE s.metric = $1");
        command.Parameters.AddWithValue(Metric);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
