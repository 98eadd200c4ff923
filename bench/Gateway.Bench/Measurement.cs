using System.Diagnostics;

namespace PerfMonitor.Gateway.Bench;

/// <summary>Latency percentiles of sequential requests and the throughput of concurrent ones, for one target URL.</summary>
public sealed record Measurement(string Target, double P50Ms, double P99Ms, double MeanMs, double RequestsPerSecond, int Errors)
{
    public static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static async Task<double> TimeOneAsync(HttpClient client, string url, Action onError)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        await response.Content.LoadIntoBufferAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            onError();
        }
        return elapsed;
    }

    public static async Task<(double PerSecond, int Errors)> ThroughputAsync(HttpClient client, string url, int concurrency, TimeSpan duration)
    {
        var errors = 0;
        var done = 0L;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await TimeOneAsync(client, url, () => Interlocked.Increment(ref errors));
                Interlocked.Increment(ref done);
            }
        }));
        return (done / clock.Elapsed.TotalSeconds, errors);
    }
}
