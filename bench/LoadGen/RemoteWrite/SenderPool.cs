using System.Diagnostics;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// The senders of one target. Each owns an equal slice of the series and sends them in requests of
/// <see cref="RemoteWriteOptions.SeriesPerRequest"/>, one at a time, as a Prometheus remote-write shard does; each
/// sample is stamped with the current millisecond, strictly later than the sender's previous one, so no receiver
/// sees a series go back in time. Paced phases spread each sender's requests evenly; a sender that falls behind
/// sends back to back until it has caught up.
/// </summary>
public sealed class SenderPool(RemoteWriteClient client, SeriesSet series, RemoteWriteOptions options)
{
    private const double MaxValue = 500;
    private readonly RemoteWriteClient client = client;
    private readonly RemoteWriteOptions options = options;
    private readonly WriteRequestEncoder[] encoders = Enumerable.Range(0, options.Senders).Select(_ => new WriteRequestEncoder(series)).ToArray();
    private readonly long[] lastTimestamps = new long[options.Senders];
    private readonly int[] nextChunks = new int[options.Senders];
    private readonly int seriesPerSender = series.Count / options.Senders;

    public SendCounters Counters { get; } = new();

    /// <summary>Sends for <paramref name="duration"/> at <paramref name="samplesPerSecond"/> in total (0: as fast as answered); returns when every request has been answered.</summary>
    public Task RunAsync(double samplesPerSecond, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Senders).Select(sender =>
            Task.Run(() => SendAsync(sender, samplesPerSecond / options.Senders, duration, cancellationToken), cancellationToken)));

    private async Task SendAsync(int sender, double samplesPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var random = new Random(sender);
        Func<int, double> valueOf = _ => Math.Round(random.NextDouble() * MaxValue, 1);
        var chunks = seriesPerSender / options.SeriesPerRequest;
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var timestamp = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), lastTimestamps[sender] + 1);
            lastTimestamps[sender] = timestamp;
            var first = (sender * seriesPerSender) + (nextChunks[sender] * options.SeriesPerRequest);
            nextChunks[sender] = (nextChunks[sender] + 1) % chunks;
            var body = encoders[sender].Encode(first, options.SeriesPerRequest, timestamp, valueOf);
            Counters.Record(options.SeriesPerRequest, await client.SendAsync(body, cancellationToken));
            sent += options.SeriesPerRequest;
            if (samplesPerSecond > 0)
            {
                var ahead = TimeSpan.FromSeconds(sent / samplesPerSecond) - clock.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, cancellationToken);
                }
            }
        }
    }
}
