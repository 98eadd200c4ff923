using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Random samples, cut into random records and flushes, against a brute-force reference.</summary>
public sealed class RollupPropertyTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Theory(Timeout = 120_000)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Stored_minutes_match_a_brute_force_reference(int seed)
    {
        var random = new Random(seed);
        var topic = $"t{Guid.NewGuid():N}";
        var start = new DateTimeOffset(2026, 11, 23, 23, 50, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var series = Enumerable.Range(0, 6).Select(i => (Id: SeriesId.Compute("prop_metric", [new Label { Name = "i", Value = $"{seed}-{i}" }]), Index: i)).ToList();
        // Ordered in time per partition, within the allowed lateness, crossing midnight (two day partitions).
        var samples = Enumerable.Range(0, 4_000)
            .Select(i => (Series: series[random.Next(series.Count)], Time: start + i * 400L + random.Next(0, 60_000), Value: RandomValue(random)))
            .ToList();

        var writer = new RollupWriter(dataSource);
        var expected = new Dictionary<int, long>();
        var state = new PartitionState();
        var offset = 0L;
        var position = 0;
        while (position < samples.Count)
        {
            var pending = new MinuteAggregator(TimeSpan.FromMinutes(2));
            for (var records = random.Next(1, 6); records > 0 && position < samples.Count; records--)
            {
                var batch = new SampleBatch();
                foreach (var (s, time, value) in samples.Skip(position).Take(random.Next(1, 400)))
                {
                    batch.Samples.Add(Sample(s.Id, s.Index, seed, time, value));
                    position++;
                }
                pending.Add(0, offset++, batch, new HashSet<long>(), state);
            }
            Assert.Equal(0, pending.LateCount);
            await writer.WriteAsync(pending, expected, "prop", topic, CancellationToken.None);
            expected[0] = offset;
        }

        var reference = samples.GroupBy(s => (SeriesId.ToStorage(s.Series.Id), MinuteAggregator.MinuteOf(s.Time)));
        var stored = await ReadAsync(series.Select(s => SeriesId.ToStorage(s.Id)).ToArray());
        Assert.Equal(reference.Count(), stored.Count);
        foreach (var group in reference)
        {
            var row = stored[group.Key];
            var values = group.Select(g => g.Value).ToList();
            Assert.Equal(values.Count, row.Count);
            Assert.Equal(values.Min(), row.Min);
            Assert.Equal(values.Max(), row.Max);
            Assert.Equal(values.Sum(), row.Sum, 9);
            Assert.Equal(values.Count, row.Sketch.Count);
            DDSketchTests.AssertAccurate(values, row.Sketch);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Counters_become_increases_across_resets_and_restarts()
    {
        var topic = $"t{Guid.NewGuid():N}";
        var id = SeriesId.Compute("requests_total", [new Label { Name = "service", Value = topic }]);
        var minute = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var writer = new RollupWriter(dataSource);
        var store = new OffsetStore(dataSource);

        var first = new MinuteAggregator();
        first.Add(3, 0, Batch(id, (minute, 100), (minute + 20_000, 160)), new HashSet<long>(), new PartitionState());
        await writer.WriteAsync(first, new Dictionary<int, long>(), "counters", topic, CancellationToken.None);
        // A restart: the state comes back from PostgreSQL, so the increase across the flush boundary is kept.
        var restored = (await store.LoadStatesAsync("counters", topic, [3], CancellationToken.None))[3];
        var second = new MinuteAggregator();
        second.Add(3, 1, Batch(id, (minute + 40_000, 200), (minute + 70_000, 30), (minute + 80_000, 50)), new HashSet<long>(), restored);
        await writer.WriteAsync(second, new Dictionary<int, long> { [3] = 1 }, "counters", topic, CancellationToken.None);

        var rows = await ReadAsync([SeriesId.ToStorage(id)]);
        Assert.Equal(100, rows[(SeriesId.ToStorage(id), minute)].Increase);
        // 200 -> 30 is a reset: the counter counted 30 from zero, then 20 more.
        Assert.Equal(50, rows[(SeriesId.ToStorage(id), minute + 60_000)].Increase);
    }

    [Fact(Timeout = 60_000)]
    public async Task Samples_later_than_the_allowed_lateness_are_counted_not_merged_and_the_watermark_survives_a_restart()
    {
        var topic = $"t{Guid.NewGuid():N}";
        var id = SeriesId.Compute("late_metric", [new Label { Name = "service", Value = topic }]);
        var now = new DateTimeOffset(2026, 11, 24, 11, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var writer = new RollupWriter(dataSource);

        var first = new MinuteAggregator(TimeSpan.FromMinutes(2));
        first.Add(1, 0, Batch(id, (now, 1), (now - 60_000, 2), (now - 180_000, 3)), new HashSet<long>(), new PartitionState());
        await writer.WriteAsync(first, new Dictionary<int, long>(), "late", topic, CancellationToken.None);
        var restored = (await new OffsetStore(dataSource).LoadStatesAsync("late", topic, [1], CancellationToken.None))[1];
        var second = new MinuteAggregator(TimeSpan.FromMinutes(2));
        second.Add(1, 1, Batch(id, (now - 300_000, 4)), new HashSet<long>(), restored);
        await writer.WriteAsync(second, new Dictionary<int, long> { [1] = 1 }, "late", topic, CancellationToken.None);

        Assert.Equal(now, restored.WatermarkMs);
        var rows = await ReadAsync([SeriesId.ToStorage(id)]);
        Assert.Equal(2, rows.Values.Sum(r => r.Count));
        await using var command = dataSource.CreateCommand("SELECT sum(count)::bigint FROM perfmon.late_samples WHERE series_id = $1");
        command.Parameters.AddWithValue(SeriesId.ToStorage(id));
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    private static double RandomValue(Random random) => random.Next(4) switch
    {
        0 => random.Next(0, 1000),
        1 => Math.Round(Math.Exp(random.NextDouble() * 8), 3),
        2 => random.Next(-100, 100),
        _ => random.NextDouble(),
    };

    private static Sample Sample(ulong id, int index, int seed, long time, double value)
    {
        var sample = new Sample { SeriesId = id, Metric = "prop_metric", Value = value, TimestampUnixMs = time, Kind = MetricKind.Gauge };
        sample.Labels.Add(new Label { Name = "i", Value = $"{seed}-{index}" });
        return sample;
    }

    private static SampleBatch Batch(ulong id, params (long Time, double Value)[] points)
    {
        var batch = new SampleBatch();
        foreach (var (time, value) in points)
        {
            batch.Samples.Add(new Sample { SeriesId = id, Metric = "m", Value = value, TimestampUnixMs = time, Kind = MetricKind.Counter });
        }
        return batch;
    }

    private async Task<Dictionary<(long, long), (long Count, double Sum, double Min, double Max, double Increase, DDSketch Sketch)>> ReadAsync(long[] ids)
    {
        await using var command = dataSource.CreateCommand("SELECT series_id, bucket, count, sum, min, max, increase, sketch FROM perfmon.rollups_1m WHERE series_id = ANY($1)");
        command.Parameters.AddWithValue(ids);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<(long, long), (long, double, double, double, double, DDSketch)>();
        while (await reader.ReadAsync())
        {
            var minute = new DateTimeOffset(reader.GetDateTime(1)).ToUnixTimeMilliseconds();
            rows[(reader.GetInt64(0), minute)] = (reader.GetInt64(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), DDSketch.Deserialize((byte[])reader[7]));
        }
        return rows;
    }
}
