using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// One sample of a record, read without materialising it: the fields evaluation needs, and the encoded sample so its
/// labels are decoded only when a rule must look at them (a series seen for the first time).
/// </summary>
public readonly record struct EncodedSample(ulong SeriesId, double Value, long TimestampUnixMs, ReadOnlyMemory<byte> Encoded)
{
    public Sample Decode() => Sample.Parser.ParseFrom(Encoded.Span);
}
