using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Retention;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

public sealed class RollupQueryTests(AnalyticsDatabase postgres) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task Percentiles_across_series_come_from_merged_sketches_and_hours_equal_their_minutes()
    {
        var metric = $"q{Guid.NewGuid():N}";
        var start = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var random = new Random(11);
        // Two routes with very different latencies: averaging their p95s would be far from the merged p95.
        var fast = Enumerable.Range(0, 3_000).Select(i => (Route: "/fast", Time: start.AddSeconds(i * 1.2), Value: 5 + random.NextDouble() * 10)).ToList();
        var slow = Enumerable.Range(0, 300).Select(i => (Route: "/slow", Time: start.AddSeconds(i * 12), Value: 500 + random.NextDouble() * 500)).ToList();
        await WriteAsync(metric, fast.Concat(slow).OrderBy(s => s.Time));

        var queries = new RollupQueries(dataSource, Options.Create(new QueryLimits()));
        var minutes = await queries.QueryAsync(new RollupQuery(metric, new Dictionary<string, string>(), start, start.AddHours(1), "1m", "p95"), CancellationToken.None);
        var job = new HourlyRollupJob(dataSource, new FixedClock(start.AddHours(3)), Options.Create(new HourlyRollupOptions()), Options.Create(new RollupOptions()), NullLogger<HourlyRollupJob>.Instance);
        Assert.True(await job.RunOnceAsync(CancellationToken.None) >= 1);
        var hour = await queries.QueryAsync(new RollupQuery(metric, new Dictionary<string, string>(), start, start.AddHours(1), "1h", "p95"), CancellationToken.None);

        Assert.Equal(60, minutes.Points.Count);
        Assert.Equal(2, minutes.Series);
        var all = fast.Concat(slow).Select(s => s.Value).Order().ToArray();
        var exactP95 = all[(int)Math.Floor(0.95 * (all.Length - 1))];
        var point = Assert.Single(hour.Points);
        Assert.Equal(3_300, point.Count);
        Assert.InRange(point.Value, exactP95 * 0.99, exactP95 * 1.01);
        Assert.Equal(all.Min(), point.Min);
        Assert.Equal(all.Max(), point.Max);
        Assert.Equal(all.Sum(), point.Sum, 6);
        var stored = await CountAsync("SELECT count(*) FROM perfmon.rollups_1h h JOIN perfmon.series s USING (series_id) WHERE s.metric = $1", metric);
        Assert.Equal(2, stored);
    }

    [Fact(Timeout = 60_000)]
    public async Task Retention_drops_whole_partitions_older_than_the_configured_age()
    {
        await WriteAsync($"r{Guid.NewGuid():N}", [("/a", new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero), 1.0), ("/a", new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), 1.0)]);
        var job = new RetentionJob(dataSource, new FixedClock(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)),
            Options.Create(new RetentionOptions()), NullLogger<RetentionJob>.Instance);

        var dropped = await job.RunOnceAsync(CancellationToken.None);

        Assert.Contains("rollups_1m_20250110", dropped);
        Assert.Contains("rollups_1h_202501", dropped);
        Assert.DoesNotContain("rollups_1m_20261120", dropped);
        Assert.DoesNotContain("rollups_1h_202611", dropped);
    }

    [Theory]
    [InlineData(null, "metric")]
    [InlineData("m&labels=bad", "labels")]
    [InlineData("m&step=2m", "step")]
    [InlineData("m&agg=p42", "agg")]
    [InlineData("m&from=yesterday", "from")]
    [InlineData("m&step=1m&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "step")]
    public void Bad_parameters_are_refused_naming_the_field(string? query, string field)
    {
        var parameters = System.Web.HttpUtility.ParseQueryString("metric=" + query);
        var (_, problem) = RollupsApi.Parse(DateTimeOffset.UtcNow, TimeSpan.FromHours(1), query is null ? null : parameters["metric"],
            parameters["labels"], parameters["from"], parameters["to"], parameters["step"], parameters["agg"]);

        Assert.NotNull(problem);
        Assert.Equal(field, problem.ProblemDetails.Extensions["field"]);
    }

    [Fact]
    public void The_step_is_chosen_from_the_range()
    {
        Assert.Equal("1m", Steps.Choose(TimeSpan.FromHours(1)));
        Assert.Equal("5m", Steps.Choose(TimeSpan.FromHours(24)));
        Assert.Equal("1h", Steps.Choose(TimeSpan.FromDays(7)));
        Assert.Equal("6h", Steps.Choose(TimeSpan.FromDays(30)));
    }

    private async Task<long> CountAsync(string sql, string metric)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(metric);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task WriteAsync(string metric, IEnumerable<(string Route, DateTimeOffset Time, double Value)> samples) =>
        RouteSamples.WriteAsync(dataSource, metric, MetricKind.Histogram, samples);
}
