using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// One sample of a record, read without materialising it: the fields evaluation needs, and the encoded sample so its
/// labels are decoded only when a rule must look at them (a series seen for the first time). <see cref="Temporality"/>
/// says whether a counter's value is an increment (delta) or a running total (cumulative, also when unspecified).
/// </summary>
public readonly record struct EncodedSample(ulong SeriesId, double Value, long TimestampUnixMs, ReadOnlyMemory<byte> Encoded, Temporality Temporality = Temporality.Unspecified)
{
    public Sample Decode() => Sample.Parser.ParseFrom(Encoded.Span);
}
