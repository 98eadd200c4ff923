using System.Net.Http.Headers;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>POSTs remote-write bodies as Prometheus does (protobuf, snappy, version 0.1.0); one pool of connections per target.</summary>
public sealed class RemoteWriteClient(Uri writeUrl, WriteAuth auth) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private const int MaxErrorLength = 200;
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = RequestTimeout };

    public Uri WriteUrl => writeUrl;

    public WriteAuth Auth => auth;

    /// <summary>Null when the receiver answered 2xx; otherwise what went wrong (the samples' fate is then unknown).</summary>
    public async Task<string?> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, writeUrl) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        request.Content.Headers.ContentEncoding.Add("snappy");
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PerfMonitor-LoadGen", "1.0"));
        auth.Apply(request.Headers);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return $"{(int)response.StatusCode} {text[..Math.Min(text.Length, MaxErrorLength)].Trim()}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    public void Dispose() => http.Dispose();
}
