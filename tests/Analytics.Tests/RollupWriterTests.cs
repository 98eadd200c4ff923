using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

public sealed class RollupWriterTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private const string Group = "analytics-test";
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Flushes_merge_additively_into_the_minute_and_store_the_next_offset()
    {
        var writer = new RollupWriter(dataSource);
        var topic = $"t{Guid.NewGuid():N}";
        var minute = new DateTimeOffset(2026, 11, 24, 12, 5, 0, TimeSpan.Zero);
        var first = Aggregate(partition: 0, offset: 10, minute, 5, 7);
        var second = Aggregate(partition: 0, offset: 11, minute.AddSeconds(30), 1);

        await writer.WriteAsync(first, new Dictionary<int, long>(), Group, topic, CancellationToken.None);
        await writer.WriteAsync(second, new Dictionary<int, long> { [0] = 11 }, Group, topic, CancellationToken.None);

        var (count, sum, min, max, last) = await ReadRowAsync(first.Cells.Keys.Single().SeriesId, minute);
        Assert.Equal((3L, 13.0, 1.0, 7.0, 1.0), (count, sum, min, max, last));
        Assert.Equal(12, (await new OffsetStore(dataSource).LoadAsync(Group, topic, [0], CancellationToken.None))[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_flush_for_a_partition_another_consumer_advanced_is_rolled_back_whole()
    {
        var writer = new RollupWriter(dataSource);
        var topic = $"t{Guid.NewGuid():N}";
        var minute = new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
        await writer.WriteAsync(Aggregate(0, 0, minute, 1), new Dictionary<int, long>(), Group, topic, CancellationToken.None);
        var stale = Aggregate(0, 0, minute, 100);

        // This consumer still believes partition 0 is unread; its replay must not count twice.
        await Assert.ThrowsAsync<OffsetConflictException>(() =>
            writer.WriteAsync(stale, new Dictionary<int, long>(), Group, topic, CancellationToken.None));

        var (count, sum, _, _, _) = await ReadRowAsync(stale.Cells.Keys.Single().SeriesId, minute);
        Assert.Equal((1L, 1.0), (count, sum));
    }

    private static MinuteAggregator Aggregate(int partition, long offset, DateTimeOffset time, params double[] values)
    {
        var batch = new SampleBatch();
        var seriesId = SeriesId.Compute("latency_ms", [new Label { Name = "service", Value = "shop" }]);
        foreach (var (value, i) in values.Select((v, i) => (v, i)))
        {
            var sample = new Sample { SeriesId = seriesId, Metric = "latency_ms", Value = value, TimestampUnixMs = time.ToUnixTimeMilliseconds() + i };
            sample.Labels.Add(new Label { Name = "service", Value = "shop" });
            batch.Samples.Add(sample);
        }
        var aggregator = new MinuteAggregator();
        aggregator.Add(partition, offset, batch, new HashSet<long>());
        return aggregator;
    }

    private async Task<(long, double, double, double, double)> ReadRowAsync(long seriesId, DateTimeOffset minute)
    {
        await using var command = dataSource.CreateCommand("SELECT count, sum, min, max, last FROM perfmon.rollups_1m WHERE series_id = $1 AND bucket = $2");
        command.Parameters.AddWithValue(seriesId);
        command.Parameters.AddWithValue(minute.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no rollup row");
        return (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4));
    }
}
