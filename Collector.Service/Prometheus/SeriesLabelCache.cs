using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// The remote-write receiver's decoded series, keyed by their labels' wire bytes. Bounded in two generations of half
/// the capacity each: new series go to the current one, a series found in the previous one moves back to the current,
/// and when the current one is full the previous one (the series not seen since) is dropped and its entries counted
/// in <see cref="Evictions"/>. Labels longer on the wire than a valid series can be are never kept.
/// </summary>
public sealed class SeriesLabelCache
{
    // UTF-8 takes at most three bytes for a character of a .NET string (a surrogate pair: four for two).
    private const int MaxUtf8BytesPerChar = 3;

    // A label field's tags and length prefixes: the label's, its name's and its value's, at most five bytes each.
    private const int LabelFramingBytes = 15;

    private readonly Lock gate = new();
    private readonly int generationSize;
    private readonly long maxKeyBytes;
    private Dictionary<byte[], SeriesLabels> current = New();
    private Dictionary<byte[], SeriesLabels> previous = New();
    private long evictions;

    public SeriesLabelCache(int capacity, long maxKeyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        generationSize = capacity / 2;
        this.maxKeyBytes = maxKeyBytes;
    }

    public SeriesLabelCache(IOptions<IngestOptions> options, IMeterFactory meters)
        : this(options.Value.RemoteWriteSeriesCacheSize, MaxValidLabelBytes(options.Value))
    {
        var meter = meters.Create(IngestMetrics.MeterName);
        meter.CreateObservableCounter("perfmon.collector.remote_write.series_cache.evictions", () => Evictions, "{series}",
            "Remote-write series dropped from the decoded-labels cache at its cap (Ingest:RemoteWriteSeriesCacheSize).");
        meter.CreateObservableUpDownCounter("perfmon.collector.remote_write.series_cache.size", () => Count, "{series}",
            "Remote-write series whose decoded labels are kept.");
    }

    public long Evictions => Interlocked.Read(ref evictions);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return current.Count + previous.Count;
            }
        }
    }

    public bool TryGet(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out SeriesLabels labels)
    {
        lock (gate)
        {
            if (current.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out labels))
            {
                return true;
            }
            if (!previous.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(key, out var stored, out labels))
            {
                return false;
            }
            Keep(stored, labels);
            return true;
        }
    }

    public void Add(ReadOnlySpan<byte> key, SeriesLabels labels)
    {
        if (key.Length > maxKeyBytes)
        {
            return;
        }
        lock (gate)
        {
            if (!current.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(key))
            {
                Keep(key.ToArray(), labels);
            }
        }
    }

    /// <summary>The most bytes a valid series' labels take on the wire; longer ones are refused by validation anyway.</summary>
    public static long MaxValidLabelBytes(IngestOptions options) =>
        (options.MaxLabels + 1L) * ((long)MaxUtf8BytesPerChar * (options.MaxLabelNameLength + options.MaxLabelValueLength) + LabelFramingBytes);

    private void Keep(byte[] key, SeriesLabels labels)
    {
        if (current.Count >= generationSize)
        {
            Interlocked.Add(ref evictions, previous.Count);
            previous = current;
            current = New();
        }
        current[key] = labels;
    }

    private static Dictionary<byte[], SeriesLabels> New() => new(LabelBytesComparer.Instance);
}
