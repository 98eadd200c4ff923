using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// A flush overwrites the rows its consumer wrote (known) without reading them back, and reads back every row it
/// does not know or that someone else wrote since: the counts and sketches stay exact either way.
/// </summary>
public sealed class KnownRowFlushTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private const int Series = 500;
    private const int SamplesPerSeries = 10;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task Only_rows_not_known_to_be_current_are_read_back_and_every_sample_counts_once()
    {
        var minute = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var writer = new RollupWriter(dataSource);
        var topic = $"t{Guid.NewGuid():N}";
        var metric = $"known_{Guid.NewGuid():N}";
        var known = new KnownCells(int.MaxValue);

        // Partition 0 is this consumer; partition 1 stands for another writer of the same series and minute.
        var fresh = await writer.WriteAsync(Flush(metric, minute, 0, 0), new Dictionary<int, long>(), known, "known", topic, CancellationToken.None);
        var warm = await writer.WriteAsync(Flush(metric, minute, 0, 1), new Dictionary<int, long> { [0] = 1 }, known, "known", topic, CancellationToken.None);
        var stranger = await writer.WriteAsync(Flush(metric, minute, 1, 0), new Dictionary<int, long>(), new KnownCells(int.MaxValue), "known", topic, CancellationToken.None);
        var stale = await writer.WriteAsync(Flush(metric, minute, 0, 2), new Dictionary<int, long> { [0] = 2 }, known, "known", topic, CancellationToken.None);
        var warmAgain = await writer.WriteAsync(Flush(metric, minute, 0, 3), new Dictionary<int, long> { [0] = 3 }, known, "known", topic, CancellationToken.None);

        Assert.Equal((0, 0, Series, Series, 0), (fresh.ReadBackRows, warm.ReadBackRows, stranger.ReadBackRows, stale.ReadBackRows, warmAgain.ReadBackRows));
        var rows = await ReadAsync(metric);
        Assert.Equal(Series, rows.Count);
        Assert.All(rows, r => Assert.Equal((5L * SamplesPerSeries, 5L * SamplesPerSeries), (r.Count, r.SketchCount)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_failed_flush_forgets_the_known_rows_and_the_next_reads_them_back_counting_each_sample_once()
    {
        var minute = new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var writer = new RollupWriter(dataSource);
        var topic = $"t{Guid.NewGuid():N}";
        var metric = $"failed_{Guid.NewGuid():N}";
        var known = new KnownCells(int.MaxValue);
        await writer.WriteAsync(Flush(metric, minute, 0, 0), new Dictionary<int, long>(), known, "known", topic, CancellationToken.None);

        // The stored offset is 1, not 7: the flush is refused after its rows took the new samples in memory.
        await Assert.ThrowsAsync<OffsetConflictException>(() =>
            writer.WriteAsync(Flush(metric, minute, 0, 1), new Dictionary<int, long> { [0] = 7 }, known, "known", topic, CancellationToken.None));
        Assert.Equal(0, known.Count);

        var retried = await writer.WriteAsync(Flush(metric, minute, 0, 1), new Dictionary<int, long> { [0] = 1 }, known, "known", topic, CancellationToken.None);
        Assert.Equal(Series, retried.ReadBackRows);
        var rows = await ReadAsync(metric);
        Assert.Equal(Series, rows.Count);
        Assert.All(rows, r => Assert.Equal((2L * SamplesPerSeries, 2L * SamplesPerSeries), (r.Count, r.SketchCount)));
    }

    private static MinuteAggregator Flush(string metric, long minute, int partition, long offset)
    {
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var batch = new SampleBatch();
        var random = new Random((int)offset);
        for (var s = 0; s < Series; s++)
        {
            var labels = new[] { new Label { Name = "i", Value = s.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            var sample = new Sample { SeriesId = SeriesId.Compute(metric, labels), Metric = metric };
            sample.Labels.AddRange(labels);
            for (var k = 0; k < SamplesPerSeries; k++)
            {
                var copy = sample.Clone();
                copy.Value = Math.Exp(random.NextDouble() * 7);
                copy.TimestampUnixMs = minute + (offset * 1000) + k;
                batch.Samples.Add(copy);
            }
        }
        pending.Add(partition, offset, batch, new HashSet<long>(), new PartitionState());
        return pending;
    }

    private async Task<List<(long Count, long SketchCount)>> ReadAsync(string metric)
    {
        await using var command = dataSource.CreateCommand("SELECT r.count, r.sketch FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id) WHERE s.metric = $1");
        command.Parameters.AddWithValue(metric);
        var rows = new List<(long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), DDSketch.Deserialize((byte[])reader[1]).Count));
        }
        return rows;
    }
}
