using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Npgsql;
using PerfMonitor.Contracts;
using PerfMonitor.LoadGen.RemoteWrite;
using PerfMonitor.LoadGen.RemoteWrite.Targets;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// The query-latency comparison: the same history (series, timestamps, values) loaded into a PerfMonitor booted for
/// the run and into Debian's Prometheus started on TSDB blocks of it, both counted back, then the fixed query set
/// timed against each in turn (PerfMonitor through its gateway with a read-only key, as Grafana would ask), with
/// every answer checked against the other system's.
/// </summary>
public sealed class QueryRun(LoadOptions options, TextWriter console)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LoadedTimeout = TimeSpan.FromMinutes(2);

    // The machine is shared: under a load average near 100 the system took over the default 4 minutes to come up.
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(10);

    public async Task<QueryReport> RunAsync(CancellationToken cancellationToken)
    {
        var query = options.Query;
        if (options.GatewayUrl is not null)
        {
            throw new ArgumentException("the query workload loads history straight into PerfMonitor's database, so it boots its own system; --url is not supported");
        }
        var started = DateTimeOffset.UtcNow;
        var runId = $"q{started:HHmmss}{Random.Shared.Next(100, 999)}";
        var layout = new QuerySeriesLayout(options.Series);
        var clock = new HistoryClock(started, query);
        var generated = (long)layout.Series * clock.Steps;
        console.WriteLine($"Query run {runId}: {layout.Series:N0} series, {query.History.TotalHours:0} h of history at {query.ScrapeInterval.TotalSeconds:0}s " +
            $"({generated:N0} samples) up to {clock.EvaluationTime:u}; {query.Repetitions} repetitions");

        // Not CreateTempSubdirectory: its 0700 folder keeps out PostgreSQL, which runs as another user when we are root.
        var folder = Path.Combine(Path.GetTempPath(), $"perfmon-query-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var readerKey = $"pm_reader_{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
        var systemOptions = new SystemOptions { DataDirectory = folder, StartupTimeout = StartupTimeout };
        systemOptions.ServiceEnvironment[ResourceNames.Gateway] = new() { ["ApiKeys__benchreader__Key"] = readerKey, ["ApiKeys__benchreader__Scopes"] = "read" };
        try
        {
            console.WriteLine("Booting PerfMonitor from the AppHost's model (Aspire.Hosting.Testing)...");
            await using var app = await PerfMonitorSystem.StartAsync(systemOptions, cancellationToken);
            await using var dataSource = NpgsqlDataSource.Create(await app.PostgresConnectionStringAsync(cancellationToken));
            var history = new PerfMonitorHistory(dataSource, layout, clock, query.ScrapeInterval);
            var perfMonitorLoad = Stopwatch.StartNew();
            await history.WriteAsync(console, cancellationToken);
            await history.RollUpAsync(cancellationToken);
            perfMonitorLoad.Stop();
            var perfMonitorSamples = await history.CountAsync(cancellationToken);
            var (fiveMinuteRows, hourRows) = await history.DerivedRowsAsync(cancellationToken);
            console.WriteLine($"  PerfMonitor holds {perfMonitorSamples:N0} samples, {fiveMinuteRows:N0} 5m and {hourRows:N0} 1h rows ({perfMonitorLoad.Elapsed.TotalSeconds:0}s)");

            var prometheusLoad = Stopwatch.StartNew();
            long prometheusSamples = 0;
            var blocks = 0;
            await using var prometheus = await PeerTarget.StartAsync(PeerKinds.Prometheus, cancellationToken, async (storage, ct) =>
            {
                var file = Path.Combine(storage, "history.om");
                await OpenMetricsHistory.WriteAsync(file, layout, clock, query.ScrapeInterval, ct);
                var data = Path.Combine(storage, "data");
                prometheusSamples = await PrometheusHistory.CreateBlocksAsync(file, data, ct);
                blocks = PrometheusHistory.CountBlocks(data);
                File.Delete(file);
            });
            using var prometheusHttp = new HttpClient { BaseAddress = prometheus.Url, Timeout = QueryTimeout };
            await WaitBlocksLoadedAsync(prometheusHttp, blocks, cancellationToken);
            prometheusLoad.Stop();
            console.WriteLine($"  Prometheus {prometheus.Version} holds {prometheusSamples:N0} samples in {blocks} blocks ({prometheusLoad.Elapsed.TotalSeconds:0}s)");

            using var gateway = new HttpClient { BaseAddress = app.GatewayUrl, Timeout = QueryTimeout };
            gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readerKey);
            var loadBefore = LoadAverage();
            var results = await TimeQueriesAsync(QuerySet.For(clock, query), new TimedQuery(gateway), new TimedQuery(prometheusHttp), cancellationToken);
            return new QueryReport
            {
                RunId = runId,
                StartedAt = started,
                EvaluationTime = clock.EvaluationTime,
                Series = layout.Series,
                ScrapeIntervalSeconds = query.ScrapeInterval.TotalSeconds,
                HistoryHours = query.History.TotalHours,
                Repetitions = query.Repetitions,
                SamplesGenerated = generated,
                PerfMonitorSamples = perfMonitorSamples,
                PrometheusSamples = prometheusSamples,
                PerfMonitorFiveMinuteRows = fiveMinuteRows,
                PerfMonitorHourRows = hourRows,
                PrometheusBlocks = blocks,
                PerfMonitorLoadSeconds = perfMonitorLoad.Elapsed.TotalSeconds,
                PrometheusLoadSeconds = prometheusLoad.Elapsed.TotalSeconds,
                PrometheusVersion = prometheus.Version,
                ProcessorCount = Environment.ProcessorCount,
                LoadAverageBefore = loadBefore,
                LoadAverageAfter = LoadAverage(),
                Queries = results,
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each query N times per system, the systems taking turns to go first so neither always meets the other's leftovers.</summary>
    private async Task<List<QueryResult>> TimeQueriesAsync(IReadOnlyList<QuerySpec> queries, TimedQuery perfMonitor, TimedQuery prometheus, CancellationToken cancellationToken)
    {
        var results = new List<QueryResult>();
        foreach (var spec in queries)
        {
            var (pmMs, pmAnswers, promMs, promAnswers) = (new List<double>(), new List<PromAnswer>(), new List<double>(), new List<PromAnswer>());
            for (var i = 0; i < options.Query.Repetitions; i++)
            {
                foreach (var (system, ms, answers) in i % 2 == 0
                    ? new[] { (perfMonitor, pmMs, pmAnswers), (prometheus, promMs, promAnswers) }
                    : [(prometheus, promMs, promAnswers), (perfMonitor, pmMs, pmAnswers)])
                {
                    var (elapsed, answer) = await system.RunAsync(spec, cancellationToken);
                    ms.Add(elapsed);
                    answers.Add(answer);
                }
            }
            var verdict = AnswerComparison.Compare(pmAnswers[^1], promAnswers[^1], options.Query.Tolerance);
            var result = new QueryResult(spec.Name, spec.Kind, spec.Range, spec.Expr, spec.Step?.TotalSeconds,
                SystemTiming.Of(pmMs, pmAnswers), SystemTiming.Of(promMs, promAnswers), verdict.Agree, verdict.Detail);
            console.WriteLine($"  {spec.Range,4} {spec.Kind,-7} {spec.Name,-32} PerfMonitor {result.PerfMonitor.MedianMs,9:N1} ms  Prometheus {result.Prometheus.MedianMs,9:N1} ms  " +
                $"{(verdict.Agree ? "agree" : "DIFFER: " + verdict.Detail)}");
            results.Add(result);
        }
        return results;
    }

    /// <summary>Prometheus reads its blocks at start; waits until its own gauge counts every block promtool wrote.</summary>
    private static async Task WaitBlocksLoadedAsync(HttpClient prometheus, int blocks, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (MetricsText.Sum(await prometheus.GetStringAsync("/metrics", cancellationToken), "prometheus_tsdb_blocks_loaded") < blocks)
        {
            if (waited.Elapsed > LoadedTimeout)
            {
                throw new TimeoutException($"Prometheus did not load its {blocks} blocks within {LoadedTimeout}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static double LoadAverage() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
        : double.NaN;
}
