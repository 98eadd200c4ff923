using System.Buffers.Binary;
using System.Threading.Channels;
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
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<SpoolSegment> segments = [];
    private readonly Timer? fsyncTimer;
    private readonly Channel<PendingAppend> queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly Task writer;
    private TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long bytes;
    private long pending;
    private bool dirty;

    public SampleSpool(IOptions<SpoolOptions> options, ILogger<SampleSpool> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        Directory.CreateDirectory(this.options.Path);
        Recover();
        writer = Task.Run(WriteLoopAsync);
        if (this.options.Fsync == FsyncPolicy.Interval)
        {
            fsyncTimer = new Timer(_ => FlushToDisk(), null, this.options.FsyncInterval, this.options.FsyncInterval);
        }
    }

    public long Bytes => Interlocked.Read(ref bytes);

    public long PendingRecords => Interlocked.Read(ref pending);

    public bool HasPending => PendingRecords > 0;

    public long MaxBytes => options.MaxBytes;

    public int Segments
    {
        get
        {
            lock (segments)
            {
                return segments.Count;
            }
        }
    }

    /// <summary>Records recovered at start-up that were never acknowledged.</summary>
    public long Recovered { get; private set; }

    /// <summary>Appends the payloads as consecutive records; durable per the fsync policy when this returns.</summary>
    /// <remarks>
    /// Group commit: appends queue for one writer, which writes everything queued and then fsyncs once, so concurrent
    /// requests share a disk flush instead of each waiting for its own.
    /// </remarks>
    /// <exception cref="SpoolFullException">The spool has no room for them.</exception>
    public Task<IReadOnlyList<SpoolRecord>> AppendAsync(IReadOnlyList<SpoolPayload> payloads, CancellationToken cancellationToken)
    {
        var encoded = payloads.Select(p => SpoolRecordFormat.Encode(p.Data)).ToList();
        var append = new PendingAppend(payloads, encoded, encoded.Sum(e => (long)e.Length));
        if (!queue.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(SampleSpool));
        }
        // Waiting may stop early; the write itself still completes, so a cancelled caller never leaves a torn record.
        return append.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (queue.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }
            await gate.WaitAsync();
            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex)
            {
                // The disk failed (full, read-only, gone): nobody in this batch may be told their samples are safe.
                LogWriteFailed(ex);
                batch.ForEach(a => a.Done.TrySetException(ex));
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        var written = new List<(PendingAppend Append, SpoolSegment Segment, List<SpoolRecord> Records)>();
        foreach (var append in batch)
        {
            if (Bytes + append.Size > options.MaxBytes)
            {
                append.Done.TrySetException(new SpoolFullException(Bytes, options.MaxBytes, options.RetryAfter));
                continue;
            }
            var segment = ActiveSegmentFor(append.Size);
            var added = new List<SpoolRecord>(append.Payloads.Count);
            var offset = segment.Length;
            foreach (var (record, payload) in append.Encoded.Zip(append.Payloads))
            {
                await segment.Writer!.WriteAsync(record);
                added.Add(new SpoolRecord(segment.Id, segment.Records.Count + added.Count, offset + SpoolRecordFormat.RecordOverhead, payload.Data.Length)
                {
                    InFlight = payload.InFlight,
                });
                offset += record.Length;
            }
            lock (segments)
            {
                segment.Records.AddRange(added);
                segment.Length = offset;
            }
            Interlocked.Add(ref bytes, append.Size);
            written.Add((append, segment, added));
        }
        if (written.Count == 0)
        {
            return;
        }

        // Readers open the file themselves, so the bytes must at least reach the OS before they learn of them.
        // A segment closed mid-batch was fsynced when it was closed; only the active one is left.
        var active = written[^1].Segment;
        await active.Writer!.FlushAsync();
        if (options.Fsync == FsyncPolicy.Always)
        {
            active.Writer.Flush(flushToDisk: true);
        }
        else
        {
            dirty = true;
        }
        lock (segments)
        {
            foreach (var (_, segment, records) in written)
            {
                segment.Durable = Math.Max(segment.Durable, records[^1].Index + 1);
            }
        }
        foreach (var (append, _, records) in written)
        {
            Interlocked.Add(ref pending, records.Count);
            append.Done.TrySetResult(records);
        }
        Interlocked.Exchange(ref appended, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>The oldest unacknowledged records, in append order.</summary>
    public IReadOnlyList<SpoolRecord> Head(int max)
    {
        var head = new List<SpoolRecord>(Math.Min(max, 1024));
        lock (segments)
        {
            foreach (var segment in segments)
            {
                for (var i = segment.Cursor; i < segment.Durable && head.Count < max; i++)
                {
                    if (!segment.Acked.Contains(i))
                    {
                        head.Add(segment.Records[i]);
                    }
                }
                if (head.Count >= max)
                {
                    break;
                }
            }
        }
        return head;
    }

    /// <summary>Completes when records are appended after this call, or when the token is cancelled.</summary>
    public Task WaitForAppendAsync(CancellationToken cancellationToken) => Volatile.Read(ref appended).Task.WaitAsync(cancellationToken);

    /// <summary>The payload of a record, or null when its checksum no longer holds (the disk changed under us).</summary>
    public Task<byte[]?> ReadAsync(SpoolRecord record, CancellationToken cancellationToken)
    {
        var segment = Find(record.Segment) ?? throw new InvalidOperationException($"Segment {record.Segment} is gone; it was acknowledged already.");
        return SpoolRecordFormat.ReadAsync(segment.DataPath, record.Offset, record.Length, cancellationToken);
    }

    /// <summary>Marks records as confirmed by Kafka, durably, and deletes segments with nothing left to replay.</summary>
    public async Task AcknowledgeAsync(IReadOnlyList<SpoolRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var group in records.GroupBy(r => r.Segment))
            {
                var segment = Find(group.Key);
                if (segment is null)
                {
                    continue;
                }
                var fresh = group.Where(r => !segment.Acked.Contains(r.Index)).Select(r => r.Index).Distinct().ToList();
                if (fresh.Count == 0)
                {
                    continue;
                }
                var entries = new byte[fresh.Count * sizeof(int)];
                for (var i = 0; i < fresh.Count; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(entries.AsSpan(i * sizeof(int)), fresh[i]);
                }
                await using (var ack = new FileStream(segment.AckPath, FileMode.Append, FileAccess.Write, FileShare.Read))
                {
                    await ack.WriteAsync(entries, cancellationToken);
                    await ack.FlushAsync(cancellationToken);
                    // An acknowledgement that is lost replays a record Kafka already has: a duplicate. Never skip this fsync.
                    ack.Flush(flushToDisk: true);
                }
                lock (segments)
                {
                    fresh.ForEach(i => segment.Acked.Add(i));
                    while (segment.Cursor < segment.Records.Count && segment.Acked.Contains(segment.Cursor))
                    {
                        segment.Cursor++;
                    }
                }
                segment.AckLength += entries.Length;
                Interlocked.Add(ref bytes, entries.Length);
                Interlocked.Add(ref pending, -fresh.Count);
                if (!segment.IsActive && segment.AllAcknowledged)
                {
                    Delete(segment);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        writer.GetAwaiter().GetResult();
        fsyncTimer?.Dispose();
        lock (segments)
        {
            foreach (var segment in segments)
            {
                segment.Writer?.Flush(flushToDisk: true);
                segment.Dispose();
            }
        }
        gate.Dispose();
    }

    /// <summary>
    /// The segment to append to: a new one after a restart (recovered files are never appended to), when the
    /// current one is full, or when everything in it is confirmed (so the drained file can be deleted).
    /// </summary>
    private SpoolSegment ActiveSegmentFor(long size)
    {
        SpoolSegment? active;
        lock (segments)
        {
            active = segments.Count > 0 && segments[^1].IsActive ? segments[^1] : null;
        }
        if (active is not null && (active.Length + size <= options.SegmentBytes || active.Records.Count == 0) && !(active.Records.Count > 0 && active.AllAcknowledged))
        {
            return active;
        }
        if (active is not null)
        {
            active.Writer!.Flush(flushToDisk: true);
            active.Close();
            if (active.AllAcknowledged)
            {
                Delete(active);
            }
        }

        long id;
        lock (segments)
        {
            id = segments.Count > 0 ? segments[^1].Id + 1 : 1;
        }
        var segment = new SpoolSegment(id, options.Path)
        {
            Writer = new FileStream(Path.Combine(options.Path, $"{id:D16}.seg"), FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, 1 << 16),
        };
        segment.Writer.Write(SpoolRecordFormat.Magic);
        segment.Writer.Flush(flushToDisk: options.Fsync == FsyncPolicy.Always);
        segment.Length = SpoolRecordFormat.HeaderBytes;
        Interlocked.Add(ref bytes, segment.Length);
        lock (segments)
        {
            segments.Add(segment);
        }
        return segment;
    }

    private SpoolSegment? Find(long id)
    {
        lock (segments)
        {
            return segments.Find(s => s.Id == id);
        }
    }

    private void Delete(SpoolSegment segment)
    {
        segment.Close();
        // The data file goes first: an acknowledgement log without its segment is harmless and removed at start-up.
        File.Delete(segment.DataPath);
        File.Delete(segment.AckPath);
        lock (segments)
        {
            segments.Remove(segment);
        }
        Interlocked.Add(ref bytes, -(segment.Length + segment.AckLength));
        LogSegmentDeleted(segment.Id, segment.Records.Count);
    }

    private void FlushToDisk()
    {
        if (!dirty || !gate.Wait(0))
        {
            return;
        }
        try
        {
            dirty = false;
            lock (segments)
            {
                foreach (var segment in segments.Where(s => s.IsActive))
                {
                    segment.Writer!.Flush(flushToDisk: true);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down; Dispose flushes.
        }
        finally
        {
            gate.Release();
        }
    }

    private void Recover()
    {
        foreach (var segment in SpoolRecovery.Recover(options.Path, logger))
        {
            segments.Add(segment);
            bytes += segment.Length + segment.AckLength;
            pending += segment.Pending;
        }
        Recovered = pending;
        if (pending > 0)
        {
            LogRecovered(pending, segments.Count, bytes);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing to the spool failed; the requests in this batch are refused")]
    private partial void LogWriteFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool recovered {Records} unconfirmed records in {Segments} segments ({Bytes} bytes); replaying them to Kafka")]
    private partial void LogRecovered(long records, int segments, long bytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spool segment {Segment} fully confirmed ({Records} records); deleted")]
    private partial void LogSegmentDeleted(long segment, int records);
}
