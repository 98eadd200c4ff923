using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;
using Xunit.Abstractions;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Measures the sketch read-modify-write: a flush into fresh minutes against one into minutes already stored.</summary>
public sealed class FlushCostTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 300_000)]
    public async Task Flush_into_stored_minutes_reads_and_rewrites_their_sketches()
    {
        const int series = 10_000;
        const int samplesPerSeries = 10;
        var minute = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var writer = new RollupWriter(dataSource);
        var topic = $"t{Guid.NewGuid():N}";
        var random = new Random(5);

        MinuteAggregator Flush(int offset)
        {
            var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
            var batch = new SampleBatch();
            for (var s = 0; s < series; s++)
            {
                var id = SeriesId.Compute("flush_cost_ms", [new Label { Name = "i", Value = s.ToString(System.Globalization.CultureInfo.InvariantCulture) }]);
                for (var k = 0; k < samplesPerSeries; k++)
                {
                    batch.Samples.Add(new Sample { SeriesId = id, Metric = "flush_cost_ms", Value = Math.Exp(random.NextDouble() * 7), TimestampUnixMs = minute + (offset * 1000) + k });
                }
            }
            pending.Add(0, offset, batch, new HashSet<long>(), new PartitionState());
            return pending;
        }

        var fresh = await writer.WriteAsync(Flush(0), new Dictionary<int, long>(), "cost", topic, CancellationToken.None);
        var merged = await writer.WriteAsync(Flush(1), new Dictionary<int, long> { [0] = 1 }, "cost", topic, CancellationToken.None);

        output.WriteLine($"fresh:  {fresh.Cells} cells, {fresh.Samples} samples, total {fresh.Total.TotalMilliseconds:0} ms, sketch read {fresh.SketchRead.TotalMilliseconds:0} ms");
        output.WriteLine($"merged: {merged.Cells} cells, {merged.ExistingRows} existing, total {merged.Total.TotalMilliseconds:0} ms, sketch read {merged.SketchRead.TotalMilliseconds:0} ms");
        Assert.Equal(0, fresh.ExistingRows);
        Assert.Equal(series, merged.ExistingRows);
    }
}
