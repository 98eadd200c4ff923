using PerfMonitor.PromQL.Storage.InMemory;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// The conformance data: gauges (smooth, integer, large, gappy, late-starting), cumulative counters with resets,
/// classic histograms (<c>_bucket{le}</c>, <c>_sum</c>, <c>_count</c>) and an info metric, across several series.
/// </summary>
public static class ConformanceDataset
{
    private static readonly double[] Bounds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, double.PositiveInfinity];

    public static List<RawSeries> Build(long startMs, long endMs)
    {
        var series = new List<RawSeries>();
        var seed = 1;
        SeriesGenerator Next() => new(startMs, endMs, seed++);
        foreach (var (instance, zone) in new[] { ("host-1", "a"), ("host-2", "a"), ("host-3", "b") })
        {
            var g = Next();
            var times = g.Times();
            series.Add(SeriesGenerator.Series("node_temperature_celsius", times, g.Wave(times, 45, 8, 1.5, 3600), ("instance", instance), ("zone", zone)));
            var f = Next();
            var freeTimes = f.Times();
            series.Add(SeriesGenerator.Series("node_free_bytes", freeTimes, f.Wave(freeTimes, 4e9, 5e8, 2e6, 5400), ("instance", instance)));
        }
        foreach (var (instance, version) in new[] { ("host-1", 1.0), ("host-2", 2.0), ("host-3", 2.0), ("host-4", 3.0) })
        {
            var g = Next();
            var times = g.Times();
            series.Add(SeriesGenerator.Series("build_version", times, times.Select(_ => version).ToArray(), ("instance", instance)));
        }
        var gappy = Next();
        var gappyTimes = gappy.Times(toOffsetMs: endMs - startMs - 20 * 60_000, gap: (40 * 60_000, 52 * 60_000));
        series.Add(SeriesGenerator.Series("gappy_gauge", gappyTimes, gappy.Wave(gappyTimes, 10, 5, 1, 1800), ("instance", "host-1")));
        var late = Next();
        var lateTimes = late.Times(fromOffsetMs: 60 * 60_000);
        series.Add(SeriesGenerator.Series("late_gauge", lateTimes, late.Wave(lateTimes, -3, 4, 0.5, 900), ("instance", "host-9")));
        foreach (var job in new[] { "api", "web" })
        {
            foreach (var instance in new[] { "host-1", "host-2" })
            {
                AddCounters(series, Next(), job, instance);
                AddHistogram(series, Next(), job, instance);
            }
        }
        foreach (var (job, version, team) in new[] { ("api", "1.4.2", "payments"), ("web", "2.0.1", "frontend") })
        {
            var g = Next();
            var times = g.Times();
            series.Add(SeriesGenerator.Series("service_info", times, times.Select(_ => 1.0).ToArray(), ("job", job), ("version", version), ("team", team)));
        }
        return series;
    }

    private static void AddCounters(List<RawSeries> series, SeriesGenerator g, string job, string instance)
    {
        var ok = g.Times();
        series.Add(SeriesGenerator.Series("http_requests_total", ok, g.Counter(ok, 5, 30, 200, 430), ("job", job), ("instance", instance), ("code", "200")));
        var failed = g.Times();
        series.Add(SeriesGenerator.Series("http_requests_total", failed, g.Counter(failed, 0, 3, 310), ("job", job), ("instance", instance), ("code", "500")));
    }

    private static void AddHistogram(List<RawSeries> series, SeriesGenerator g, string job, string instance)
    {
        var times = g.Times();
        var observations = g.Observations(times, job == "api" ? -2.0 : -1.2, 0.9, 5, 40);
        var resetAt = instance == "host-2" ? 350 : -1;
        var counts = new double[Bounds.Length][];
        var sum = new double[times.Length];
        var count = new double[times.Length];
        for (var b = 0; b < Bounds.Length; b++)
        {
            counts[b] = new double[times.Length];
        }
        for (var i = 0; i < times.Length; i++)
        {
            var carry = i == 0 || i == resetAt ? 0 : 1;
            for (var b = 0; b < Bounds.Length; b++)
            {
                counts[b][i] = carry * (i == 0 ? 0 : counts[b][i - 1]) + observations[i].Count(o => o <= Bounds[b]);
            }
            sum[i] = carry * (i == 0 ? 0 : sum[i - 1]) + observations[i].Sum();
            count[i] = carry * (i == 0 ? 0 : count[i - 1]) + observations[i].Length;
        }
        for (var b = 0; b < Bounds.Length; b++)
        {
            var le = double.IsPositiveInfinity(Bounds[b]) ? "+Inf" : Bounds[b].ToString(System.Globalization.CultureInfo.InvariantCulture);
            series.Add(SeriesGenerator.Series("http_request_duration_seconds_bucket", times, counts[b], ("job", job), ("instance", instance), ("le", le)));
        }
        series.Add(SeriesGenerator.Series("http_request_duration_seconds_sum", times, sum, ("job", job), ("instance", instance)));
        series.Add(SeriesGenerator.Series("http_request_duration_seconds_count", times, count, ("job", job), ("instance", instance)));
    }
}
