using System.Threading.Channels;

namespace PerfMonitor.Collector.Spool;

/// <summary>
/// The spool's one writer, with group commit: appends queue up, and the writer writes everything queued and then
/// fsyncs once, so concurrent requests share a disk flush. An append is acknowledged only once it is durable; when the
/// disk refuses a write, the active segment is cut back to its last durable record and closed (the next append
/// starts a new segment), and every append not yet durable is refused with <see cref="SpoolWriteFailedException"/>.
/// </summary>
internal sealed partial class SpoolWriter : IDisposable
{
    private readonly SpoolOptions options;
    private readonly SpoolSegments segments;
    private readonly ILogger logger;
    private readonly Channel<PendingAppend> queue = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly Task loop;
    private readonly Timer? fsyncTimer;
    private bool dirty;

    public SpoolWriter(SpoolOptions options, SpoolSegments segments, ILogger logger)
    {
        this.options = options;
        this.segments = segments;
        this.logger = logger;
        loop = Task.Run(WriteLoopAsync);
        if (options.Fsync == FsyncPolicy.Interval)
        {
            fsyncTimer = new Timer(_ => FlushToDisk(), null, options.FsyncInterval, options.FsyncInterval);
        }
    }

    public void Enqueue(PendingAppend append)
    {
        if (!queue.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(SampleSpool));
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public void Dispose()
    {
        queue.Writer.TryComplete();
        loop.GetAwaiter().GetResult();
        fsyncTimer?.Dispose();
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
            await segments.Gate.WaitAsync();
            try
            {
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                // A bug, not the disk (that is handled per append): still, nobody in this batch may be told their samples are safe.
                LogWriteFailed(ex, batch.Count);
                batch.ForEach(a => a.Fail(ex));
            }
            finally
            {
                segments.Gate.Release();
            }
        }
    }

    private void WriteBatch(List<PendingAppend> batch)
    {
        // Written to the active segment but not yet durable: completed by the next commit, failed by a rollback.
        var uncommitted = new List<(PendingAppend Append, List<SpoolRecord> Records)>();
        foreach (var append in batch)
        {
            if (segments.Bytes + append.Size > options.MaxBytes)
            {
                append.Fail(new SpoolFullException(segments.Bytes, options.MaxBytes, options.RetryAfter));
                continue;
            }
            try
            {
                var segment = ActiveSegmentFor(append.Size, uncommitted);
                uncommitted.Add((append, Write(segment, append)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                RollBack(uncommitted, append, ex);
            }
        }
        if (uncommitted.Count == 0)
        {
            return;
        }
        try
        {
            Commit(segments.Active!, uncommitted, closing: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RollBack(uncommitted, null, ex);
        }
    }

    private List<SpoolRecord> Write(SpoolSegment segment, PendingAppend append)
    {
        var added = new List<SpoolRecord>(append.Payloads.Count);
        var offset = segment.Length;
        foreach (var (record, payload) in append.Encoded.Zip(append.Payloads))
        {
            added.Add(new SpoolRecord(segment.Id, segment.Records.Count + added.Count, offset + SpoolRecordFormat.RecordOverhead, payload.Data.Length)
            {
                InFlight = payload.InFlight,
            });
            offset += record.Length;
        }
        segment.Write(append.Encoded);
        segments.AddRecords(segment, added, append.Size);
        return added;
    }

    /// <summary>Makes what was written durable (per the fsync policy; a segment being closed always) and tells the appenders.</summary>
    private void Commit(SpoolSegment segment, List<(PendingAppend Append, List<SpoolRecord> Records)> uncommitted, bool closing)
    {
        // Writes are unbuffered, so readers (who open the file themselves) see the bytes already; only the fsync is left.
        if (closing || options.Fsync == FsyncPolicy.Always)
        {
            segment.FlushToDisk();
        }
        else
        {
            dirty = true;
        }
        segments.MarkDurable(segment, uncommitted.Sum(u => u.Records.Count));
        foreach (var (append, records) in uncommitted)
        {
            append.Done.TrySetResult(records);
        }
        uncommitted.Clear();
    }

    /// <summary>The disk refused a write: cut back, close, and refuse every append that is not durable (503, never 202).</summary>
    private void RollBack(List<(PendingAppend Append, List<SpoolRecord> Records)> uncommitted, PendingAppend? failed, Exception cause)
    {
        if (segments.Active is { } active)
        {
            segments.ForgetNotDurable(active);
            try
            {
                active.TruncateAndClose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Recovery cuts a torn tail at the next start; whole records after the durable point would replay once.
                LogTruncateFailed(ex, active.Id, active.DurableLength);
            }
            if (active.AllAcknowledged)
            {
                segments.Delete(active);
            }
        }
        var error = new SpoolWriteFailedException(cause, options.RetryAfter);
        LogWriteFailed(cause, uncommitted.Count + (failed is null ? 0 : 1));
        uncommitted.ForEach(u => u.Append.Fail(error));
        failed?.Fail(error);
        uncommitted.Clear();
    }

    /// <summary>
    /// The segment to append to: a new one after a restart (recovered files are never appended to) or a failed write,
    /// when the current one is full, or when everything in it is confirmed (so the drained file can be deleted).
    /// Closing the current one makes its appends durable first.
    /// </summary>
    private SpoolSegment ActiveSegmentFor(long size, List<(PendingAppend Append, List<SpoolRecord> Records)> uncommitted)
    {
        var active = segments.Active;
        if (active is not null && (active.Length + size <= options.SegmentBytes || active.Records.Count == 0) && !(active.Records.Count > 0 && active.AllAcknowledged))
        {
            return active;
        }
        if (active is not null)
        {
            Commit(active, uncommitted, closing: true);
            active.Close();
            if (active.AllAcknowledged)
            {
                segments.Delete(active);
            }
        }
        var segment = SpoolSegment.Create(segments.NextId, options.Path, fsync: options.Fsync == FsyncPolicy.Always);
        segments.Add(segment);
        return segment;
    }

    private void FlushToDisk()
    {
        if (!dirty || !segments.Gate.Wait(0))
        {
            return;
        }
        try
        {
            dirty = false;
            segments.ActiveOnes().ForEach(s => s.FlushToDisk());
        }
        catch (ObjectDisposedException)
        {
            // Shutting down; Dispose flushes.
        }
        catch (IOException ex)
        {
            // Under this policy a client was answered before the fsync; the next interval tries again.
            dirty = true;
            LogFlushFailed(ex);
        }
        finally
        {
            segments.Gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing to the spool failed; {Appends} appends not yet durable are refused with 503")]
    private partial void LogWriteFailed(Exception exception, int appends);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spool segment {Segment} could not be cut back to its durable length {Length}")]
    private partial void LogTruncateFailed(Exception exception, long segment, long length);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flushing the spool to disk failed; trying again at the next interval")]
    private partial void LogFlushFailed(Exception exception);
}
