using System.IO.Pipelines;
using System.Net.Http.Headers;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A request whose headers are sent but whose body never ends until the test lets go: it stays in flight, holding
/// whatever the gateway holds for it (a concurrency slot), the way a slow upload or an open client stream does.
/// </summary>
public sealed class HeldRequest : IAsyncDisposable
{
    private readonly Pipe body = new();
    private readonly CancellationTokenSource release = new();
    private readonly Task<HttpResponseMessage> response;

    private HeldRequest(HttpClient client, HttpRequestMessage request, string contentType)
    {
        request.Content = new StreamContent(body.Reader.AsStream());
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        response = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, release.Token);
    }

    public static HeldRequest Start(HttpClient client, HttpRequestMessage request, string contentType) => new(client, request, contentType);

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
