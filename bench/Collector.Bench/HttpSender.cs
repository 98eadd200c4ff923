using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Contracts.Otlp.Collector;

namespace PerfMonitor.Collector.Bench;

/// <summary>POSTs JSON samples, OTLP/HTTP protobuf or Prometheus remote write; anything but success stops the bench.</summary>
public sealed class HttpSender(Uri httpUrl, string protocol, IReadOnlyList<Payload> payloads) : ISender
{
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = httpUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public async Task<long> SendAsync(int index, CancellationToken cancellationToken)
    {
        var payload = payloads[index % payloads.Count];
        using var request = new HttpRequestMessage(HttpMethod.Post, Path()) { Content = new ByteArrayContent(payload.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(protocol == Protocols.Json ? "application/json" : "application/x-protobuf");
        if (protocol == Protocols.RemoteWrite)
        {
            request.Content.Headers.ContentEncoding.Add("snappy");
            request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{protocol}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        switch (protocol)
        {
            case Protocols.Json:
                var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                return json.GetProperty("rejected").GetInt64() == 0 ? json.GetProperty("accepted").GetInt64()
                    : throw new InvalidOperationException($"json: samples were refused: {json.GetProperty("errors")[0]}");
            case Protocols.Otlp:
                var export = ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                return export.PartialSuccess is not { RejectedDataPoints: > 0 } partial ? payload.Samples
                    : throw new InvalidOperationException($"otlp: {partial.RejectedDataPoints} data points were refused: {partial.ErrorMessage}");
            default:
                return payload.Samples;
        }
    }

    private string Path() => protocol switch
    {
        Protocols.Json => "/api/v1/samples",
        Protocols.Otlp => "/v1/metrics",
        _ => "/api/v1/write",
    };

    public void Dispose() => http.Dispose();
}
