using PerfMonitor.LoadGen;
using PerfMonitor.LoadGen.Query;

namespace PerfMonitor.EndToEnd.Tests.LoadGen;

/// <summary>
/// The query-latency comparison at CI size: LoadGen boots its own PerfMonitor, writes an hour of 200 series into it
/// through analytics' rollup code, builds Prometheus blocks of the same history with promtool, starts Debian's
/// Prometheus on them, counts both back and runs the query set against both. Correctness only: every query must get
/// a non-empty answer from each and the answers must agree; the latencies are measured in bench/, never asserted.
/// </summary>
[Trait("Category", "System")]
public sealed class QueryRunTests
{
    [Fact(Timeout = 600_000)]
    public async Task An_hour_of_200_series_gives_the_same_answers_on_PerfMonitor_and_Prometheus_and_is_tabled_and_charted()
    {
        var output = Directory.CreateTempSubdirectory("perfmon-query-smoke-").FullName;
        try
        {
            var options = LoadOptions.Parse([
                "--workload", "query", "--series", "200", "--history", "1h", "--scrape-interval", "60s", "--repeat", "2", "--out", output,
            ]);

            var report = await new QueryRun(options, TextWriter.Null).RunAsync(CancellationToken.None);
            var table = QueryTable.Format(report);
            var (json, png) = ReportWriter.Save(report, options.OutputDirectory);

            Assert.Equal(200 * 60, report.SamplesGenerated);
            Assert.True(report.CountsMatch, $"counted back: PerfMonitor {report.PerfMonitorSamples}, Prometheus {report.PrometheusSamples}, generated {report.SamplesGenerated}");
            Assert.True(report.PerfMonitorHourRows > 0, "the hourly rollup wrote no hour rows");
            Assert.Equal(QuerySet.For(new HistoryClock(report.StartedAt, options.Query), options.Query).Count, report.Queries.Count);
            Assert.All(report.Queries, q =>
            {
                Assert.True(q.PerfMonitor.Errors == 0 && q.Prometheus.Errors == 0, $"{q.Name}: {q.PerfMonitor.Error} / {q.Prometheus.Error}");
                Assert.True(q.Prometheus.Series > 0 && q.PerfMonitor.Series > 0, $"{q.Name} ({q.Kind}): an empty answer compares nothing");
                Assert.True(q.Agree, $"{q.Name} ({q.Kind} {q.Range}): {q.Agreement}");
            });
            Assert.Contains("PerfMonitor / Prometheus", table, StringComparison.Ordinal);
            Assert.True(new FileInfo(json).Length > 0, "empty JSON report");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
