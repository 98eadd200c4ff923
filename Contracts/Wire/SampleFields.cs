using Google.Protobuf;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Contracts.Wire;

/// <summary>
/// The fields of one encoded sample that consumers aggregate or evaluate, read in place by
/// <see cref="SampleRecordReader"/>. <see cref="Offset"/> and <see cref="Length"/> locate the encoded sample in its
/// record, so its metric, labels and unit are decoded only when needed (a series seen for the first time).
/// </summary>
public readonly record struct SampleFields(ulong SeriesId, double Value, long TimestampUnixMs, MetricKind Kind, Temporality Temporality, int Offset, int Length)
{
    /// <summary>The whole sample, decoded from the record it was read from.</summary>
    public Sample Decode(ReadOnlySpan<byte> record)
    {
        try
        {
            return Sample.Parser.ParseFrom(record.Slice(Offset, Length));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"The sample at byte {Offset} is malformed: {ex.Message}", ex);
        }
    }
}
