using Confluent.Kafka;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Which produce failures a retry cannot fix. The record itself is refused (too large, invalid, a format or
/// compression the broker does not take, a policy), or the collector may not write the topic at all: sending the
/// same bytes again fails the same way, so such a batch is refused to its sender or dead-lettered, never spooled.
/// Everything else (the broker unreachable, a leader moving, a timeout, too few replicas) is transient.
/// </summary>
public static class ProduceErrors
{
    public static bool IsPermanent(ErrorCode code) => code is
        ErrorCode.MsgSizeTooLarge or ErrorCode.InvalidMsgSize or ErrorCode.RecordListTooLarge or ErrorCode.InvalidRecord
        or ErrorCode.InvalidTimestamp or ErrorCode.UnsupportedForMessageFormat or ErrorCode.UnsupportedCompressionType
        or ErrorCode.PolicyViolation or ErrorCode.TopicException or ErrorCode.InvalidRequiredAcks
        or ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed
        or ErrorCode.Local_BadMsg or ErrorCode.Local_InvalidArg;

    /// <summary>The error a failed delivery reported, or null while it is pending or when it succeeded.</summary>
    public static Error? ErrorOf(Task<DeliveryResult<byte[], byte[]>> delivery) => delivery.IsFaulted
        ? delivery.Exception?.InnerException is ProduceException<byte[], byte[]> produce ? produce.Error : new Error(ErrorCode.Unknown, delivery.Exception?.InnerException?.Message)
        : null;

    /// <summary>The permanent error a delivery failed with, or null when it succeeded, is pending, or may succeed on a retry.</summary>
    public static Error? PermanentErrorOf(Task<DeliveryResult<byte[], byte[]>> delivery) =>
        ErrorOf(delivery) is { } error && IsPermanent(error.Code) ? error : null;

    public static string Describe(Error error) => $"{error.Reason} ({error.Code})";
}
