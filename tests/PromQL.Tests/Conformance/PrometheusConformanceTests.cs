using PerfMonitor.Analytics.Prometheus;
using PerfMonitor.PromQL.Storage.InMemory;
using Xunit.Abstractions;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// The engine against the real thing: the same samples go to Debian's Prometheus 2.42 by remote write and into the
/// in-memory source as 1-minute buckets (the rollups' resolution, quantiles from the analytics DDSketch); every query
/// of queries.txt runs on both and must agree within 1%. The analytics tests run the same queries over PostgreSQL.
/// </summary>
public sealed class PrometheusConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Engine_agrees_with_Prometheus_on_every_conformance_query()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var report = await ConformanceRun.RunAsync(
            series => Task.FromResult(new PromQLEngine(new InMemorySeriesSource(series, [ConformanceRun.Minute], new DDSketchQuantilesFactory()))), timeout.Token);

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "conformance-report.txt"), report.ToString(), timeout.Token);
        Assert.True(report.Outcomes.Count >= 60, $"queries.txt holds {report.Outcomes.Count} queries; the conformance figure needs at least 60");
        Assert.True(report.AllPass, report.ToString());
    }
}
