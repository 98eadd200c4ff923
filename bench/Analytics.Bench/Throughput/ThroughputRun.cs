using System.Globalization;
using PerfMonitor.Analytics.Bench.Explain;

namespace PerfMonitor.Analytics.Bench.Throughput;

/// <summary>
/// --throughput: the rollup consumer (as the service hosts it) on the embedded Kafka and PostgreSQL, against this
/// machine's raw limits measured in the same run: reading the topic without work, reading and aggregating without
/// PostgreSQL, and binary COPY of as many rollup rows as the consumer wrote. Phase one drains a backlog (samples/s);
/// phase two produces live at a fixed rate and times each record from produce to committed in PostgreSQL (lag).
/// Every run checks that PostgreSQL counts exactly the samples sent.
/// </summary>
public static class ThroughputRun
{
    private const int Partitions = 32;

    public static async Task<int> RunAsync(string[] args)
    {
        var seriesCount = int.Parse(ExplainRun.Arg(args, "--series") ?? "10000", CultureInfo.InvariantCulture);
        var backlogSamples = long.Parse(ExplainRun.Arg(args, "--samples") ?? "2000000", CultureInfo.InvariantCulture);
        var rate = double.Parse(ExplainRun.Arg(args, "--rate") ?? "150000", CultureInfo.InvariantCulture);
        var liveSeconds = int.Parse(ExplainRun.Arg(args, "--live-seconds") ?? "10", CultureInfo.InvariantCulture);
        var runs = int.Parse(ExplainRun.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var series = BenchSeries.Build(seriesCount);
        var folder = Path.Combine(Path.GetTempPath(), $"perfmon-throughput-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        var results = new List<ThroughputResult>();
        await using (var database = await BenchDatabase.StartAsync(folder, durable: true, cancel.Token))
        {
            for (var run = 1; run <= runs; run++)
            {
                var result = await new ThroughputMeasurement(database, series, Partitions, rate).RunAsync(backlogSamples, liveSeconds, cancel.Token);
                Console.WriteLine($"run {run}: {result}");
                results.Add(result);
            }
        }
        Directory.Delete(folder, recursive: true);
        Console.WriteLine();
        Console.WriteLine($"{seriesCount:N0} series, {Partitions} partitions, backlog {backlogSamples:N0} samples, live {rate:N0} samples/s for {liveSeconds} s; medians of {runs} runs:");
        Console.WriteLine(ThroughputResult.Table(results));
        return results.All(r => r.Exact) ? 0 : 1;
    }
}
