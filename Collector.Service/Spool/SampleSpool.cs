using Microsoft.Extensions.Options;

namespace PerfMonitor.Collector.Spool;

/// <summary>
/// A bounded, append-only, checksummed on-disk queue of payloads awaiting Kafka. Appends return once the
/// records are written (and fsynced, under <see cref="FsyncPolicy.Always"/>); the replayer reads them back in
/// order and acknowledges each once Kafka confirmed it; a segment is deleted once all its records are
/// acknowledged. Opening the spool recovers what a crashed process left: intact, unacknowledged records.
/// </summary>
public sealed partial class SampleSpool : IDisposable
{
    private readonly SpoolOptions options;
    private readonly ILogger<SampleSpool> logger;
    private readonly SpoolSegments segments;
    private readonly SpoolWriter writer;

    public SampleSpool(IOptions<SpoolOptions> options, ILogger<SampleSpool> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        Directory.CreateDirectory(this.options.Path);
        segments = new SpoolSegments(logger);
        Recovered = segments.Recover(this.options.Path);
        if (Recovered > 0)
        {
            LogRecovered(Recovered, segments.Count, segments.Bytes);
        }
        writer = new SpoolWriter(this.options, segments, logger);
    }

    public long Bytes => segments.Bytes;

    public long PendingRecords => segments.Pending;

    public bool HasPending => PendingRecords > 0;

    public long MaxBytes => options.MaxBytes;

    public int Segments => segments.Count;

    /// <summary>Records recovered at start-up that were never acknowledged.</summary>
    public long Recovered { get; }

    /// <summary>Appends the payloads as consecutive records; durable per the fsync policy when this returns.</summary>
    /// <exception cref="SpoolFullException">The spool has no room for them.</exception>
    /// <exception cref="SpoolWriteFailedException">The disk refused the write; nothing of it is kept.</exception>
    public Task<IReadOnlyList<SpoolRecord>> AppendAsync(IReadOnlyList<SpoolPayload> payloads, CancellationToken cancellationToken)
    {
        var encoded = payloads.Select(p => SpoolRecordFormat.Encode(p.Data)).ToList();
        var append = new PendingAppend(payloads, encoded, encoded.Sum(e => (long)e.Length));
        writer.Enqueue(append);
        // Waiting may stop early; the write itself still completes, so a cancelled caller never leaves a torn record.
        return append.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The oldest unacknowledged records, in append order.</summary>
    public IReadOnlyList<SpoolRecord> Head(int max) => segments.Head(max);

    /// <summary>Completes when records are appended after this call, or when the token is cancelled.</summary>
    public Task WaitForAppendAsync(CancellationToken cancellationToken) => segments.WaitForAppendAsync(cancellationToken);

    /// <summary>The payload of a record, or null when its checksum no longer holds (the disk changed under us).</summary>
    public Task<byte[]?> ReadAsync(SpoolRecord record, CancellationToken cancellationToken)
    {
        var segment = segments.Find(record.Segment) ?? throw new InvalidOperationException($"Segment {record.Segment} is gone; it was acknowledged already.");
        return SpoolRecordFormat.ReadAsync(segment.DataPath, record.Offset, record.Length, cancellationToken);
    }

    /// <summary>Marks records as confirmed by Kafka, durably, and deletes segments with nothing left to replay.</summary>
    public async Task AcknowledgeAsync(IReadOnlyList<SpoolRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        await segments.Gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var group in records.GroupBy(r => r.Segment))
            {
                if (segments.Find(group.Key) is not { } segment)
                {
                    continue;
                }
                var fresh = group.Where(r => !segment.Acked.Contains(r.Index)).Select(r => r.Index).Distinct().ToList();
                if (fresh.Count == 0)
                {
                    continue;
                }
                try
                {
                    segments.AddBytes(await segment.LogAcksAsync(fresh, cancellationToken));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Applied anyway: the replayer must not send these again while the disk is full (that would
                    // duplicate them every retry). Only a restart before the log catches up replays them once more.
                    LogAckNotLogged(ex, segment.Id, fresh.Count);
                }
                segments.Acknowledge(segment, fresh);
                if (!segment.IsActive && segment.AllAcknowledged)
                {
                    segments.Delete(segment);
                }
            }
        }
        finally
        {
            segments.Gate.Release();
        }
    }

    public void Dispose()
    {
        writer.Dispose();
        foreach (var segment in segments.ActiveOnes())
        {
            try
            {
                segment.FlushToDisk();
            }
            catch (IOException ex)
            {
                LogFlushFailed(ex, segment.Id);
            }
        }
        segments.CloseAll();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The acknowledgement log of spool segment {Segment} could not record {Records} confirmations; kept in memory and written with the next ones")]
    private partial void LogAckNotLogged(Exception exception, long segment, int records);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flushing spool segment {Segment} to disk at shutdown failed")]
    private partial void LogFlushFailed(Exception exception, long segment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool recovered {Records} unconfirmed records in {Segments} segments ({Bytes} bytes); replaying them to Kafka")]
    private partial void LogRecovered(long records, int segments, long bytes);
}
