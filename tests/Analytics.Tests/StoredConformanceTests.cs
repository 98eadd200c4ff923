using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Prometheus;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts.V1;
using PerfMonitor.PromQL;
using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage.InMemory;
using PerfMonitor.PromQL.Tests.Conformance;
using Xunit.Abstractions;

namespace PerfMonitor.Analytics.Tests;

/// <summary>
/// The conformance queries over the stored path: the dataset goes through the consumer's own aggregator and writer
/// into minute rows, the hourly job rolls up the closed hours into five-minute and hour rows, and the engine reads
/// them through <see cref="PostgresSeriesSource"/>; every query must agree with Debian's Prometheus 2.42 as the
/// in-memory run does (tests/PromQL.Tests, the same harness and queries.txt).
/// </summary>
public sealed class StoredConformanceTests(AnalyticsDatabase postgres, ITestOutputHelper output) : IClassFixture<AnalyticsDatabase>, IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await MigratedDatabase.OpenAsync(postgres.ConnectionString);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Rollups_in_PostgreSQL_answer_every_conformance_query_as_Prometheus_does()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var report = await ConformanceRun.RunAsync(async series =>
        {
            await StoredSamples.WriteAsync(dataSource, series.SelectMany(Samples));
            await new HourlyRollupJob(dataSource, TimeProvider.System, Options.Create(new HourlyRollupOptions()), Options.Create(new RollupOptions()),
                NullLogger<HourlyRollupJob>.Instance).RunOnceAsync(timeout.Token);
            return new PromQLEngine(new PostgresSeriesSource(dataSource, 10_000, TimeSpan.FromSeconds(30)));
        }, timeout.Token);

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "stored-conformance-report.txt"), report.ToString(), timeout.Token);
        Assert.True(report.AllPass, report.ToString());
        Assert.True(await FiveMinuteRowsAsync() > 0, "the hourly job rolled up no closed hour, so the five-minute steps read only minutes");
    }

    /// <summary>Counters (requests and histogram parts) as counters, everything else as gauges, as a scrape would type them.</summary>
    private static IEnumerable<Sample> Samples(RawSeries series)
    {
        var metric = series.Labels.Get(LabelSet.MetricName)!;
        var kind = metric.EndsWith("_total", StringComparison.Ordinal) || metric.StartsWith("http_request_duration_seconds_", StringComparison.Ordinal)
            ? MetricKind.Counter : MetricKind.Gauge;
        var labels = series.Labels.WithoutMetricName().ToDictionary().Select(l => (l.Key, l.Value)).ToList();
        return Enumerable.Range(0, series.Length).Select(i => StoredSamples.Sample(metric, labels, series.TimesMs[i], series.Values[i], kind));
    }

    private async Task<long> FiveMinuteRowsAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM perfmon.rollups_5m");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
