using Google.Protobuf;
using Grpc.Core;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// A gRPC request marshaller that weighs each message against the ingest limits before parsing it, so a message of
/// millions of empty messages is refused (RESOURCE_EXHAUSTED) before it becomes millions of objects, and answers an
/// undecodable message with INVALID_ARGUMENT instead of grpc-dotnet's UNKNOWN. Unknown fields are discarded, not kept.
/// </summary>
public static class WeighedMarshaller
{
    /// <param name="what">The message type as a sender knows it, e.g. "OTLP ExportMetricsServiceRequest".</param>
    public static Marshaller<T> For<T>(MessageParser<T> parser, WireSchema schema, WireLimits limits, string what) where T : IMessage<T>
    {
        var discarding = parser.WithDiscardUnknownFields(true);
        return new Marshaller<T>(static (message, serialization) => serialization.Complete(message.ToByteArray()), deserialization =>
        {
            var payload = deserialization.PayloadAsReadOnlySequence();
            var weight = limits.Weigh(payload, schema);
            if (weight.Verdict == WireVerdict.Malformed)
            {
                // Refused here, not left to the parser: a parser more lenient than the census would parse what was not weighed.
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The message is not a valid {what}: it is not well-formed protobuf."));
            }
            if (weight.Verdict != WireVerdict.Within)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, limits.Refusal(weight, $"The {what}")));
            }
            try
            {
                return discarding.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The message is not a valid {what}: {ex.Message}"));
            }
        });
    }
}
