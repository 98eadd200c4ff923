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

    public long AckLength { get; set; }

    /// <summary>Open only on the active segment, the one being appended to.</summary>
    public FileStream? Writer { get; set; }

    public FileStream? AckWriter { get; set; }

    public bool IsActive => Writer is not null;

    public bool AllAcknowledged => Acked.Count == Records.Count;

    public int Pending => Records.Count - Acked.Count;

    public static string? IdOf(string path) => Path.GetFileNameWithoutExtension(path) is { Length: 16 } name && name.All(char.IsAsciiDigit) ? name : null;

    public void Close()
    {
        Writer?.Dispose();
        Writer = null;
        AckWriter?.Dispose();
        AckWriter = null;
    }

    public void Dispose() => Close();
}
