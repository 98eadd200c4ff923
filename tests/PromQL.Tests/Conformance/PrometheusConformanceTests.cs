using System.Diagnostics;
using System.Text.Json;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Storage.InMemory;
using Xunit.Abstractions;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// The engine against the real thing: the same samples go to Debian's Prometheus 2.42 by remote write and into the
/// in-memory source as 1-minute buckets (the rollups' resolution, quantiles from the analytics DDSketch); every query
/// of queries.txt runs on both and must agree within 1%.
/// </summary>
public sealed class PrometheusConformanceTests(ITestOutputHelper output)
{
    private const long Minute = 60_000;

    private const double Tolerance = 0.01;

    private const double SketchTolerance = 0.01 * (1 + 1e-9);

    [Fact]
    public async Task Engine_agrees_with_Prometheus_on_every_conformance_query()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var dataEnd = now - now % Minute - 5 * Minute;
        var series = ConformanceDataset.Build(dataEnd - 150 * Minute, dataEnd);
        await using var prometheus = await PrometheusServer.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        await RemoteWriter.WriteAsync(http, prometheus.Url, series, 10 * Minute, timeout.Token);
        var engine = new PromQLEngine(new InMemorySeriesSource(series, [Minute], new DDSketchFactory()));
        var api = new PrometheusApi(http, prometheus.Url);
        var queries = ConformanceQuery.Load(Path.Combine(AppContext.BaseDirectory, "Conformance", "queries.txt"));
        var times = new QueryTimes(dataEnd - 10 * Minute, dataEnd - 120 * Minute, dataEnd - 2 * Minute);

        var outcomes = new List<ConformanceOutcome>();
        foreach (var query in queries)
        {
            outcomes.Add(await RunAsync(query, engine, api, times, timeout.Token));
        }

        var report = Report(outcomes, series.Sum(s => s.Length), clock.Elapsed);
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "conformance-report.txt"), report, timeout.Token);
        Assert.True(queries.Count >= 60, $"queries.txt holds {queries.Count} queries; the conformance figure needs at least 60");
        Assert.True(outcomes.All(o => o.Passes), report);
    }

    private static async Task<ConformanceOutcome> RunAsync(ConformanceQuery query, PromQLEngine engine, PrometheusApi api, QueryTimes times, CancellationToken cancellationToken)
    {
        var expected = query.IsRange
            ? await api.RangeAsync(query.Query, times.RangeStart, times.RangeEnd, query.StepMs, cancellationToken)
            : await api.InstantAsync(query.Query, times.Instant, cancellationToken);
        if (expected.Data is null)
        {
            return new ConformanceOutcome(query, [$"Prometheus refused it: {expected.ErrorType}: {expected.Error}"], [], 0);
        }
        try
        {
            var result = query.IsRange
                ? await engine.RangeQueryAsync(query.Query, times.RangeStart, times.RangeEnd, query.StepMs, cancellationToken)
                : await engine.InstantQueryAsync(query.Query, times.Instant, cancellationToken);
            // Through the JSON Prometheus clients read, so the response shapes are part of what is compared.
            var json = JsonSerializer.Serialize(PromJson.Success(result));
            var actual = JsonSerializer.Deserialize<QueryResponse>(json)!;
            var tolerance = query.Expectation == Expectation.Sketch ? SketchTolerance : Tolerance;
            var differences = ResultComparer.Differences(expected.Data, actual.Data!, tolerance, out var compared);
            return new ConformanceOutcome(query, differences, result.Warnings, compared);
        }
        catch (PromQLException error)
        {
            return new ConformanceOutcome(query, [$"engine refused it: {error.ErrorType}: {error.Message}"], [], 0);
        }
    }

    private static string Report(List<ConformanceOutcome> outcomes, int samples, TimeSpan elapsed)
    {
        var passing = outcomes.Count(o => o.Passes);
        var lines = new List<string>
        {
            $"PromQL conformance: {passing}/{outcomes.Count} queries pass ({100.0 * passing / outcomes.Count:0.0}%), " +
            $"{outcomes.Count(o => o.Agrees)} agree with Prometheus within 1% (sketch queries within the sketch's accuracy), " +
            $"{outcomes.Count(o => o.Query.Expectation == Expectation.Approximate)} marked approximate; {outcomes.Sum(o => o.Compared)} values compared, " +
            $"{samples} samples, {elapsed.TotalSeconds:0.0} s",
        };
        foreach (var outcome in outcomes.Where(o => !o.Agrees))
        {
            var label = outcome.Passes ? "approximate (warned)" : "FAIL";
            lines.Add($"{label} {outcome.Query}{(outcome.Query.Note.Length > 0 ? $"  ## {outcome.Query.Note}" : "")}");
            lines.AddRange(outcome.Differences.Count == 0 ? ["    no values on either side"] : outcome.Differences.Take(5).Select(d => "    " + d));
            if (outcome.Differences.Count > 5)
            {
                lines.Add($"    ... {outcome.Differences.Count - 5} more");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }

    private sealed record QueryTimes(long Instant, long RangeStart, long RangeEnd);
}
