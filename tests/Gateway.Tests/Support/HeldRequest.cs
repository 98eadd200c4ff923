using System.IO.Pipelines;
using System.Net.Http.Headers;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A request whose body starts but never ends until the test lets go: it stays in flight, holding whatever the gateway
/// holds for it (a concurrency slot), the way a slow upload or an open client stream does. The first bytes are sent at
/// once because HttpClient may hold back a request's headers until its body has something to send, and flushed (see
/// <see cref="FlushingContent"/>).
/// </summary>
public sealed class HeldRequest : IAsyncDisposable
{
    private readonly Pipe body = new();
    private readonly CancellationTokenSource release = new();
    private readonly Task<HttpResponseMessage> response;

    private HeldRequest(HttpClient client, HttpRequestMessage request, string contentType)
    {
        request.Content = new FlushingContent(body.Reader);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, release.Token);
    }

    /// <summary>
    /// A JSON body that has begun (<c>{"samples":[</c> and 32 KiB of blanks) and goes no further. The blanks fill the
    /// write buffer of the gateway's HTTP/1.1 hop to the service, which otherwise keeps a short start to itself.
    /// </summary>
    public static Task<HeldRequest> StartJsonAsync(HttpClient client, HttpRequestMessage request) =>
        StartAsync(client, request, "application/json", [.. "{\"samples\":["u8, .. Enumerable.Repeat((byte)' ', Padding)]);

    private const int Padding = 32 * 1024;

    /// <summary>A form body, as Prometheus's API takes a query by POST, that has begun and goes no further (padded like the JSON one).</summary>
    public static Task<HeldRequest> StartFormAsync(HttpClient client, HttpRequestMessage request) =>
        StartAsync(client, request, "application/x-www-form-urlencoded", [.. "query=sum(up)"u8, .. Enumerable.Repeat((byte)'+', Padding)]);

    /// <summary>A gRPC stream whose first message announces 256 bytes and sends none of them.</summary>
    public static Task<HeldRequest> StartGrpcAsync(HttpClient client, HttpRequestMessage request) =>
        StartAsync(client, request, "application/grpc", [0, 0, 0, 1, 0]);

    private static async Task<HeldRequest> StartAsync(HttpClient client, HttpRequestMessage request, string contentType, byte[] start)
    {
        var held = new HeldRequest(client, request, contentType);
        await held.body.Writer.WriteAsync(start);
        return held;
    }

    /// <summary>The answer, if the gateway refused the request instead of holding it.</summary>
    public Task<HttpResponseMessage> Response => response;

    public async ValueTask DisposeAsync()
    {
        await release.CancelAsync();
        await body.Writer.CompleteAsync();
        try
        {
            (await response).Dispose();
        }
        catch (OperationCanceledException)
        {
            // Let go: the client aborted its own request.
        }
        release.Dispose();
    }
}
