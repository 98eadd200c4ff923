using System.Buffers;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>Weighs a protobuf request or gRPC message against <see cref="IngestOptions"/> before it is parsed, and says why one is refused.</summary>
public sealed class WireLimits(IOptions<IngestOptions> options)
{
    public WireCount Weigh(ReadOnlySpan<byte> message, WireSchema schema)
    {
        var limits = options.Value;
        return WireCensus.Count(message, schema, limits.MaxParsedBytesPerRequest, limits.MaxSamplesPerRequest, limits.MaxLabelsPerRequest);
    }

    /// <summary>A gRPC payload arrives in pieces; a message in more than one is weighed from a pooled copy.</summary>
    public WireCount Weigh(ReadOnlySequence<byte> message, WireSchema schema)
    {
        if (message.IsSingleSegment)
        {
            return Weigh(message.FirstSpan, schema);
        }
        var length = checked((int)message.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            message.CopyTo(copy);
            return Weigh(copy.AsSpan(0, length), schema);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Why a request that is not <see cref="WireVerdict.Within"/> is refused, for its sender.</summary>
    public string Refusal(WireCount count, string what)
    {
        var limits = options.Value;
        return count.Verdict switch
        {
            WireVerdict.TooManySamples => $"{what} carries more than {limits.MaxSamplesPerRequest} samples (Ingest:MaxSamplesPerRequest); send smaller batches.",
            WireVerdict.TooManyLabels => $"{what} carries more than {limits.MaxLabelsPerRequest} labels (Ingest:MaxLabelsPerRequest); send smaller batches.",
            WireVerdict.TooLargeParsed => $"{what} would take more than {limits.MaxParsedBytesPerRequest} bytes of memory once parsed (Ingest:MaxParsedBytesPerRequest); " +
                "it is mostly empty messages or list elements. Send smaller batches.",
            _ => $"{what} is not a valid protobuf encoding.",
        };
    }
}
