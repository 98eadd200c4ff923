using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PerfMonitor.Collector.Spool;

/// <summary>gRPC ingest: a full spool is UNAVAILABLE with a retry-after trailer, the gRPC twin of 503 + Retry-After.</summary>
public sealed class SpoolFullInterceptor : Interceptor
{
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (SpoolFullException ex)
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
        catch (SpoolFullException ex)
        {
            throw Unavailable(ex);
        }
    }

    private static RpcException Unavailable(SpoolFullException ex) => new(
        new Status(StatusCode.Unavailable, ex.Message),
        new Metadata { { "retry-after", ((int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture) } });
}
