using System.Diagnostics;
using System.Text.Json;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Storage.InMemory;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// One conformance run: the dataset is written to Debian's Prometheus 2.42 by remote write and handed to the caller,
/// which stores it its own way and returns an engine over it; every query of queries.txt then runs on both and is
/// compared within 1% (<c>## sketch</c> queries within the sketch's accuracy). The data ends 5 minutes before now on
/// a five-minute boundary, so five-minute steps line up with five-minute buckets.
/// </summary>
public static class ConformanceRun
{
    public const long Minute = 60_000;

    private const double Tolerance = 0.01;

    private const double SketchTolerance = 0.01 * (1 + 1e-9);

    public static async Task<ConformanceReport> RunAsync(Func<List<RawSeries>, Task<PromQLEngine>> store, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var dataEnd = now - now % (5 * Minute) - 5 * Minute;
        var series = ConformanceDataset.Build(dataEnd - 150 * Minute, dataEnd);
        await using var prometheus = await PrometheusServer.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        await RemoteWriter.WriteAsync(http, prometheus.Url, series, 10 * Minute, cancellationToken);
        var engine = await store(series);
        var api = new PrometheusApi(http, prometheus.Url);
        var queries = ConformanceQuery.Load(Path.Combine(AppContext.BaseDirectory, "Conformance", "queries.txt"));
        var times = new QueryTimes(dataEnd - 10 * Minute, dataEnd - 120 * Minute, dataEnd - 2 * Minute);

        var outcomes = new List<ConformanceOutcome>();
        foreach (var query in queries)
        {
            outcomes.Add(await RunAsync(query, engine, api, times, cancellationToken));
        }
        return new ConformanceReport(outcomes, series.Sum(s => s.Length), clock.Elapsed);
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

    private sealed record QueryTimes(long Instant, long RangeStart, long RangeEnd);
}
