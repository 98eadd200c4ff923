using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
        var handler = new SpoolFullExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

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
        var handler = new SpoolFullExceptionHandler(services.GetRequiredService<IProblemDetailsService>());

        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext(), new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public async Task Grpc_ingest_answers_unavailable_with_a_retry_after_trailer()
    {
        var interceptor = new SpoolFullInterceptor();

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.ClientStreamingServerHandler<string, string>(
            null!, null!, (_, _) => throw Full));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("7", error.Trailers.GetValue("retry-after"));
    }
}
