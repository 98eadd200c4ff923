using System.Globalization;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// The history as an OpenMetrics text file for <c>promtool tsdb create-blocks-from openmetrics</c>: each metric family
/// whole (OpenMetrics wants a family's lines together), each series in time order, timestamps in seconds, then # EOF.
/// </summary>
public static class OpenMetricsHistory
{
    public static async Task<long> WriteAsync(string path, QuerySeriesLayout layout, HistoryClock clock, TimeSpan scrapeInterval, CancellationToken cancellationToken)
    {
        long lines = 0;
        await using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), bufferSize: 1 << 20);
        var families = new (string Type, string Family, Action<StreamWriter, TargetHistory, string, string> Write)[]
        {
            ("counter", "bench_requests", (w, h, labels, time) =>
            {
                for (var route = 0; route < QuerySeriesLayout.Routes; route++)
                {
                    Line(w, QuerySeriesLayout.Requests, $"{labels},route=\"{QuerySeriesLayout.Route(route)}\"", h.Requests[route], time);
                }
            }),
            ("gauge", QuerySeriesLayout.Memory, (w, h, labels, time) => Line(w, QuerySeriesLayout.Memory, labels, h.Memory, time)),
            ("gauge", QuerySeriesLayout.Cpu, (w, h, labels, time) => Line(w, QuerySeriesLayout.Cpu, labels, h.Cpu, time)),
            ("histogram", QuerySeriesLayout.Duration, (w, h, labels, time) =>
            {
                for (var bucket = 0; bucket < h.Buckets.Length; bucket++)
                {
                    Line(w, QuerySeriesLayout.Duration + "_bucket", $"{labels},le=\"{QuerySeriesLayout.Buckets[bucket]}\"", h.Buckets[bucket], time);
                }
                Line(w, QuerySeriesLayout.Duration + "_sum", labels, h.DurationSum, time);
                Line(w, QuerySeriesLayout.Duration + "_count", labels, h.DurationCount, time);
            }),
        };
        var perStep = new[] { QuerySeriesLayout.Routes, 1, 1, QuerySeriesLayout.Buckets.Count + 2 };
        for (var f = 0; f < families.Length; f++)
        {
            var (type, family, write) = families[f];
            await file.WriteAsync($"# TYPE {family} {type}\n");
            for (var target = 0; target < layout.Targets; target++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var labels = $"instance=\"{QuerySeriesLayout.Instance(target)}\",job=\"{layout.Job(target)}\"";
                var history = new TargetHistory(target, scrapeInterval);
                for (var step = 0L; step < clock.Steps; step++)
                {
                    var timeMs = clock.TimeMs(step);
                    history.Advance(step, HistoryClock.SecondsOfDay(timeMs));
                    write(file, history, labels, (timeMs / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
                }
                lines += clock.Steps * perStep[f];
            }
        }
        await file.WriteAsync("# EOF\n");
        return lines;
    }

    private static void Line(StreamWriter writer, string name, string labels, double value, string time)
    {
        writer.Write(name);
        writer.Write('{');
        writer.Write(labels);
        writer.Write("} ");
        writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
        writer.Write(' ');
        writer.Write(time);
        writer.Write('\n');
    }
}
