using Confluent.Kafka;
using Google.Protobuf;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Analytics.Tests;

/// <summary>A client whose clock runs five minutes fast shares a partition with honest ones, through Kafka and the consumer.</summary>
public sealed class FastClockTests(AnalyticsDatabase postgres, KafkaFixture kafka) : IClassFixture<AnalyticsDatabase>, IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private const int Records = 20;
    private const int HonestPerRecord = 50;
    private const string Honest = "honest_clock_metric";
    private const string Fast = "fast_clock_metric";

    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task Every_honest_sample_is_counted_beside_a_client_whose_clock_is_five_minutes_fast()
    {
        var factory = TestConsumers.Kafka(kafka.BootstrapServers);
        using var producer = new ProducerBuilder<byte[], byte[]>(factory.CreateProducerConfig()).Build();
        var now = DateTimeOffset.UtcNow;
        // Each record starts with the fast client's sample, so every honest sample is read after one stamped now + 5 min.
        for (var r = 0; r < Records; r++)
        {
            var batch = new SampleBatch();
            batch.Samples.Add(Sample(Fast, "fast", now.AddMinutes(5).AddSeconds(r), r));
            for (var k = 0; k < HonestPerRecord; k++)
            {
                batch.Samples.Add(Sample(Honest, $"c{k % 5}", now.AddSeconds(-5).AddMilliseconds(r * 100 + k), k));
            }
            await producer.ProduceAsync(new TopicPartition(Topics.Samples, new Partition(0)), new Message<byte[], byte[]> { Value = batch.ToByteArray() });
        }

        var consumer = TestConsumers.Create(factory, dataSource);
        await consumer.StartAsync(CancellationToken.None);
        await Eventually.GetAsync(NextOffsetAsync, next => next >= Records, TimeSpan.FromSeconds(90), $"offset {Records} of partition 0 stored");
        await consumer.StopAsync(CancellationToken.None);

        Assert.Equal(Records * HonestPerRecord, await CountAsync("SELECT coalesce(sum(r.count), 0)::bigint FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id) WHERE s.metric = $1", Honest));
        Assert.Equal(0, await CountAsync("SELECT coalesce(sum(l.count), 0)::bigint FROM perfmon.late_samples l JOIN perfmon.series s USING (series_id) WHERE s.metric = $1", Honest));
        // The fast samples themselves were accepted by the collector: they are kept, each in its own (future) minute.
        Assert.Equal(Records, await CountAsync("SELECT coalesce(sum(r.count), 0)::bigint FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id) WHERE s.metric = $1", Fast));
    }

    private static Sample Sample(string metric, string client, DateTimeOffset time, double value)
    {
        var sample = new Sample { Metric = metric, Value = value, TimestampUnixMs = time.ToUnixTimeMilliseconds(), Kind = MetricKind.Gauge };
        sample.Labels.Add(new Label { Name = "client", Value = client });
        sample.SeriesId = SeriesId.Compute(metric, sample.Labels);
        return sample;
    }

    private async Task<long> NextOffsetAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(next_offset), 0) FROM perfmon.consumer_offsets WHERE consumer_group = $1 AND topic = $2 AND partition = 0");
        command.Parameters.AddWithValue(RollupOptions.ConsumerGroup);
        command.Parameters.AddWithValue(Topics.Samples);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(string sql, string metric)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(metric);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
