namespace PerfMonitor.Collector.Spool;

/// <summary>
/// The spool's segments in append order and what the writer, the readers and the acknowledgements share about them:
/// every change to a segment's records happens here under one lock, and the byte and record counts move with it.
/// </summary>
internal sealed partial class SpoolSegments(ILogger logger)
{
    private readonly List<SpoolSegment> segments = [];
    private TaskCompletionSource appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long bytes;
    private long pending;

    /// <summary>Held by whoever writes files: the writer for a batch, the acknowledgements for their log.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public long Bytes => Interlocked.Read(ref bytes);

    public long Pending => Interlocked.Read(ref pending);

    public int Count
    {
        get
        {
            lock (segments)
            {
                return segments.Count;
            }
        }
    }

    /// <summary>The segment being appended to, if any: always the last one.</summary>
    public SpoolSegment? Active
    {
        get
        {
            lock (segments)
            {
                return segments.Count > 0 && segments[^1].IsActive ? segments[^1] : null;
            }
        }
    }

    public long NextId
    {
        get
        {
            lock (segments)
            {
                return segments.Count > 0 ? segments[^1].Id + 1 : 1;
            }
        }
    }

    public void AddBytes(long delta) => Interlocked.Add(ref bytes, delta);

    /// <summary>Takes over what a previous process left in the folder.</summary>
    public long Recover(string folder)
    {
        foreach (var segment in SpoolRecovery.Recover(folder, logger))
        {
            Add(segment);
            Interlocked.Add(ref bytes, segment.AckLength);
            Interlocked.Add(ref pending, segment.Pending);
        }
        return Pending;
    }

    public void Add(SpoolSegment segment)
    {
        lock (segments)
        {
            segments.Add(segment);
        }
        Interlocked.Add(ref bytes, segment.Length);
    }

    public SpoolSegment? Find(long id)
    {
        lock (segments)
        {
            return segments.Find(s => s.Id == id);
        }
    }

    public void AddRecords(SpoolSegment segment, List<SpoolRecord> records, long size)
    {
        lock (segments)
        {
            segment.Records.AddRange(records);
        }
        Interlocked.Add(ref bytes, size);
    }

    /// <summary>Records up to the segment's end become visible to readers; wakes the replayer.</summary>
    public void MarkDurable(SpoolSegment segment, int newRecords)
    {
        lock (segments)
        {
            segment.MarkDurable();
        }
        Interlocked.Add(ref pending, newRecords);
        if (newRecords > 0)
        {
            Interlocked.Exchange(ref appended, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>Forgets what was written to the segment since it was last durable; its file is the caller's to cut.</summary>
    public void ForgetNotDurable(SpoolSegment segment)
    {
        long cut;
        lock (segments)
        {
            cut = segment.ForgetNotDurable();
        }
        Interlocked.Add(ref bytes, -cut);
    }

    public void Acknowledge(SpoolSegment segment, List<int> indexes)
    {
        lock (segments)
        {
            indexes.ForEach(i => segment.Acked.Add(i));
            while (segment.Cursor < segment.Records.Count && segment.Acked.Contains(segment.Cursor))
            {
                segment.Cursor++;
            }
        }
        Interlocked.Add(ref pending, -indexes.Count);
    }

    /// <summary>The oldest unacknowledged durable records, in append order.</summary>
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

    public Task WaitForAppendAsync(CancellationToken cancellationToken) => Volatile.Read(ref appended).Task.WaitAsync(cancellationToken);

    public void Delete(SpoolSegment segment)
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

    /// <summary>The active segments, for an fsync or a last flush at shutdown.</summary>
    public List<SpoolSegment> ActiveOnes()
    {
        lock (segments)
        {
            return segments.Where(s => s.IsActive).ToList();
        }
    }

    public void CloseAll()
    {
        lock (segments)
        {
            segments.ForEach(s => s.Dispose());
        }
        Gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spool segment {Segment} fully confirmed ({Records} records); deleted")]
    private partial void LogSegmentDeleted(long segment, int records);
}
