namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>How a field is encoded, as far as counting what its parsing allocates goes.</summary>
internal enum WireKind
{
    /// <summary>Not in the schema: the parser discards it without allocating.</summary>
    Unknown,
    Message,
    Text,
    Bytes,
    Varint,
    Fixed32,
    Fixed64,
}
