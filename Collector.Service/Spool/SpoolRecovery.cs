using System.Buffers.Binary;

namespace PerfMonitor.Collector.Spool;

/// <summary>
/// Reads back what a killed or stopped collector left in the spool folder: each segment's intact records (a torn
/// tail from a crash mid-append is cut off) and which of them Kafka had already confirmed. Fully confirmed
/// segments and acknowledgement logs without a segment are deleted.
/// </summary>
internal static partial class SpoolRecovery
{
    public static List<SpoolSegment> Recover(string folder, ILogger logger)
    {
        foreach (var orphan in Directory.EnumerateFiles(folder, "*.ack").Where(a => !File.Exists(Path.ChangeExtension(a, ".seg"))))
        {
            File.Delete(orphan);
        }
        var files = Directory.EnumerateFiles(folder, "*.seg")
            .Select(path => (path, id: SpoolSegment.IdOf(path)))
            .Where(f => f.id is not null)
            .OrderBy(f => long.Parse(f.id!, System.Globalization.CultureInfo.InvariantCulture));

        var recovered = new List<SpoolSegment>();
        foreach (var (path, id) in files)
        {
            var segment = Load(path, long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), folder, logger);
            if (segment.AllAcknowledged)
            {
                File.Delete(segment.DataPath);
                File.Delete(segment.AckPath);
                continue;
            }
            recovered.Add(segment);
        }
        return recovered;
    }

    private static SpoolSegment Load(string path, long id, string folder, ILogger logger)
    {
        var segment = new SpoolSegment(id, folder);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            var fileLength = stream.Length;
            var (records, end) = SpoolRecordFormat.Scan(stream);
            segment.Records.AddRange(records.Select((r, i) => new SpoolRecord(segment.Id, i, r.Offset, r.Length)));
            segment.Durable = segment.Records.Count;
            if (end < fileLength)
            {
                // A torn tail from a crash mid-append: under fsync=always it was never acknowledged to a client.
                stream.SetLength(end);
                stream.Flush(flushToDisk: true);
                LogTornTail(logger, segment.Id, fileLength - end);
            }
            segment.Length = segment.DurableLength = end;
        }

        if (File.Exists(segment.AckPath))
        {
            var acks = File.ReadAllBytes(segment.AckPath);
            // A torn last entry (a crash mid-append) is overwritten by the next one.
            segment.AckLength = acks.Length - acks.Length % sizeof(int);
            for (var i = 0; i + sizeof(int) <= acks.Length; i += sizeof(int))
            {
                segment.Acked.Add(BinaryPrimitives.ReadInt32LittleEndian(acks.AsSpan(i)));
            }
            segment.Acked.RemoveWhere(index => index >= segment.Records.Count);
        }
        while (segment.Cursor < segment.Records.Count && segment.Acked.Contains(segment.Cursor))
        {
            segment.Cursor++;
        }
        return segment;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool segment {Segment} had a torn tail of {Bytes} bytes (crash mid-write); truncated")]
    private static partial void LogTornTail(ILogger logger, long segment, long bytes);
}
