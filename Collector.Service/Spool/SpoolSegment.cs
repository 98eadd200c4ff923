using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace PerfMonitor.Collector.Spool;

/// <summary>
/// One append-only segment file and its acknowledgement log (record indexes confirmed by Kafka, 4 bytes each),
/// so that a restart replays only what was never confirmed.
/// </summary>
public sealed class SpoolSegment(long id, string folder) : IDisposable
{
    public long Id { get; } = id;

    public string DataPath { get; } = Path.Combine(folder, $"{id:D16}.seg");

    public string AckPath { get; } = Path.Combine(folder, $"{id:D16}.ack");

    public List<SpoolRecord> Records { get; } = [];

    public HashSet<int> Acked { get; } = [];

    /// <summary>Records written and made durable (per the fsync policy): only these are handed to readers.</summary>
    public int Durable { get; set; }

    /// <summary>The first index that may still be pending; everything before it is acknowledged.</summary>
    public int Cursor { get; set; }

    public long Length { get; set; }

    /// <summary>Where the durable records end: a write that failed part-way is cut back to here.</summary>
    public long DurableLength { get; set; }

    public long AckLength { get; set; }

    /// <summary>Acknowledgements already applied that the log could not record yet (its disk was full); written with the next ones.</summary>
    public List<int> UnloggedAcks { get; } = [];

    /// <summary>Open only on the active segment, the one being appended to.</summary>
    public SafeFileHandle? Writer { get; private set; }

    public bool IsActive => Writer is not null;

    public bool AllAcknowledged => Acked.Count == Records.Count;

    public int Pending => Records.Count - Acked.Count;

    public static string? IdOf(string path) => Path.GetFileNameWithoutExtension(path) is { Length: 16 } name && name.All(char.IsAsciiDigit) ? name : null;

    /// <summary>A new active segment: its file with the magic written. A file that could not be completed is removed again.</summary>
    public static SpoolSegment Create(long id, string folder, bool fsync)
    {
        var segment = new SpoolSegment(id, folder);
        var writer = File.OpenHandle(segment.DataPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        try
        {
            RandomAccess.Write(writer, SpoolRecordFormat.Magic, 0);
            if (fsync)
            {
                RandomAccess.FlushToDisk(writer);
            }
        }
        catch
        {
            writer.Dispose();
            File.Delete(segment.DataPath);
            throw;
        }
        segment.Writer = writer;
        segment.Length = segment.DurableLength = SpoolRecordFormat.HeaderBytes;
        return segment;
    }

    /// <summary>Writes encoded records at the end of the file, unbuffered: nothing of a failed write lingers in a buffer.</summary>
    public void Write(IReadOnlyList<byte[]> records)
    {
        var offset = Length;
        foreach (var record in records)
        {
            RandomAccess.Write(Writer!, record, offset);
            offset += record.Length;
        }
        Length = offset;
    }

    public void FlushToDisk() => RandomAccess.FlushToDisk(Writer!);

    /// <summary>Marks everything written so far as durable.</summary>
    public void MarkDurable()
    {
        Durable = Records.Count;
        DurableLength = Length;
    }

    /// <summary>Forgets the records written since the last durable point; returns the bytes they took. The caller holds the segments' lock.</summary>
    public long ForgetNotDurable()
    {
        var cut = Length - DurableLength;
        Records.RemoveRange(Durable, Records.Count - Durable);
        Length = DurableLength;
        return cut;
    }

    /// <summary>Cuts the file back to its durable part (a failed write may have left part of a record) and closes it.</summary>
    public void TruncateAndClose()
    {
        try
        {
            RandomAccess.SetLength(Writer!, DurableLength);
            RandomAccess.FlushToDisk(Writer!);
        }
        finally
        {
            Close();
        }
    }

    /// <summary>
    /// Appends acknowledged indexes (and any the log still owes) to the acknowledgement log, fsynced; returns the
    /// bytes written. When the disk refuses, the log is cut back to its last whole entry and the indexes are kept for
    /// the next attempt; the exception tells the caller.
    /// </summary>
    public async Task<int> LogAcksAsync(IReadOnlyList<int> indexes, CancellationToken cancellationToken)
    {
        var owed = UnloggedAcks.Concat(indexes).ToList();
        var entries = new byte[owed.Count * sizeof(int)];
        for (var i = 0; i < owed.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(entries.AsSpan(i * sizeof(int)), owed[i]);
        }
        using var log = File.OpenHandle(AckPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete);
        try
        {
            await RandomAccess.WriteAsync(log, entries, AckLength, cancellationToken);
            // An acknowledgement that is lost replays a record Kafka already has: a duplicate. Never skip this fsync.
            RandomAccess.FlushToDisk(log);
        }
        catch (IOException)
        {
            // A torn entry would shift every later one: the log must end on a whole entry.
            RandomAccess.SetLength(log, AckLength);
            UnloggedAcks.AddRange(indexes);
            throw;
        }
        UnloggedAcks.Clear();
        AckLength += entries.Length;
        return entries.Length;
    }

    public void Close()
    {
        Writer?.Dispose();
        Writer = null;
    }

    public void Dispose() => Close();
}
