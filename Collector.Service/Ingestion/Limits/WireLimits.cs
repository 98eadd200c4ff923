using System.Buffers;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>Weighs a protobuf request or gRPC message against <see cref="IngestOptions"/> before it is parsed, and says why one is refused.</summary>
public sealed class WireLimits(IOptions<IngestOptions> options)
{
    public WireCount Weigh(ReadOnlySpan<byte> message, WireSchema schema) =>
        CannotPassALimit(message.Length, schema, out var worst) ? new WireCount(WireVerdict.Within, worst, 0, 0) : Census(message, schema);

    /// <summary>A gRPC payload arrives in pieces; a message in more than one is weighed from a pooled copy.</summary>
    public WireCount Weigh(ReadOnlySequence<byte> message, WireSchema schema)
    {
        if (CannotPassALimit(message.Length, schema, out var worst))
        {
            return new WireCount(WireVerdict.Within, worst, 0, 0);
        }
        if (message.IsSingleSegment)
        {
            return Census(message.FirstSpan, schema);
        }
        var length = checked((int)message.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            message.CopyTo(copy);
            return Census(copy.AsSpan(0, length), schema);
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

    /// <summary>
    /// Whether a message this long is within every limit whatever it holds: samples and labels take two wire bytes at
    /// the least, and no byte costs more than the schema's worst. Most messages are, and are not read twice.
    /// </summary>
    private bool CannotPassALimit(long length, WireSchema schema, out long worst)
    {
        var limits = options.Value;
        worst = length * schema.WorstBytesPerWireByte;
        return length / 2 <= limits.MaxLabelsPerRequest
            && (!schema.HasSamples || length / 2 <= limits.MaxSamplesPerRequest)
            && worst <= limits.MaxParsedBytesPerRequest;
    }

    /// <summary>The full census, or a count of samples alone when the length keeps labels and parsed size within their limits.</summary>
    private WireCount Census(ReadOnlySpan<byte> message, WireSchema schema)
    {
        var limits = options.Value;
        return message.Length / 2 <= limits.MaxLabelsPerRequest && (long)message.Length * schema.WorstBytesPerWireByte <= limits.MaxParsedBytesPerRequest
            ? WireCensus.CountSamples(message, schema, limits.MaxSamplesPerRequest)
            : WireCensus.Count(message, schema, limits.MaxParsedBytesPerRequest, limits.MaxSamplesPerRequest, limits.MaxLabelsPerRequest);
    }
}
