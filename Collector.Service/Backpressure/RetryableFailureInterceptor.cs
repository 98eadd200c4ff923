using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PerfMonitor.Collector.Spool;
using Status = Grpc.Core.Status;

namespace PerfMonitor.Collector.Backpressure;

/// <summary>
/// gRPC ingest: a retryable failure (the spool is full or cannot write, Kafka failed) is UNAVAILABLE with a retry-after trailer and,
/// as OTLP/gRPC's throttling asks, a google.rpc.RetryInfo in the status details: the gRPC twin of 503 + Retry-After.
/// </summary>
public sealed class RetryableFailureInterceptor : Interceptor
{
    public const string StatusDetailsTrailer = "grpc-status-details-bin";
    public const string RetryAfterTrailer = "retry-after";

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (RetryableFailure.Is(ex))
        {
            throw Unavailable(ex);
        }
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (RetryableFailure.Is(ex))
        {
            throw Unavailable(ex);
        }
    }

    private static RpcException Unavailable(Exception ex)
    {
        var retryAfter = ex is SpoolUnavailableException spool ? spool.RetryAfter : RetryableFailure.DefaultRetryAfter;
        var message = ex is SpoolUnavailableException ? ex.Message : $"Kafka is unavailable; retry later ({ex.Message}).";
        var details = new Google.Rpc.Status
        {
            Code = (int)StatusCode.Unavailable,
            Message = message,
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }) },
        };
        return new RpcException(new Status(StatusCode.Unavailable, message), new Metadata
        {
            { RetryAfterTrailer, ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture) },
            { StatusDetailsTrailer, details.ToByteArray() },
        });
    }
}
