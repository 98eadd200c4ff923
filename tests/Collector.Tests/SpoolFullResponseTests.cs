using Confluent.Kafka;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Tests;

public sealed class SpoolFullResponseTests
{
    private static readonly SpoolFullException Full = new(1_000, 1_000, TimeSpan.FromSeconds(7));

    [Fact]
    public async Task Http_ingest_answers_503_problem_details_with_Retry_After()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new SpoolUnavailableExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        var handled = await handler.TryHandleAsync(context, Full, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_default_handling()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new SpoolUnavailableExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext(), new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public async Task Grpc_ingest_answers_unavailable_with_a_retry_after_trailer_and_RetryInfo()
    {
        var interceptor = new RetryableFailureInterceptor();

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.ClientStreamingServerHandler<string, string>(
            null!, null!, (_, _) => throw Full));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("7", error.Trailers.GetValue("retry-after"));
        Assert.Equal(TimeSpan.FromSeconds(7), RetryDelay(error));
    }

    [Fact]
    public async Task A_Kafka_failure_in_a_unary_call_is_unavailable_too_and_anything_else_is_left_alone()
    {
        var interceptor = new RetryableFailureInterceptor();

        var kafka = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", null!, (_, _) => throw new KafkaException(ErrorCode.Local_AllBrokersDown)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", null!, (_, _) => throw new InvalidOperationException("a bug")));

        Assert.Equal(StatusCode.Unavailable, kafka.StatusCode);
        Assert.Equal(RetryableFailure.DefaultRetryAfter, RetryDelay(kafka));
    }

    private static TimeSpan RetryDelay(RpcException error)
    {
        var status = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes(RetryableFailureInterceptor.StatusDetailsTrailer));
        Assert.Equal((int)StatusCode.Unavailable, status.Code);
        return Assert.Single(status.Details).Unpack<RetryInfo>().RetryDelay.ToTimeSpan();
    }
}
