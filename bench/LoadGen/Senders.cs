using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.LoadGen;

/// <summary>Sends one batch by a protocol and says how many samples were acknowledged.</summary>
public sealed class Senders(Uri gatewayUrl, Uri grpcUrl, string apiKey) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { { "X-Api-Key", apiKey } } };
    private readonly GrpcChannel channel = GrpcChannel.ForAddress(grpcUrl);
    private readonly Metadata headers = new() { { "x-api-key", apiKey } };

    public HttpClient Http => http;

    /// <summary>Acknowledged samples, or null when the outcome is unknown (no answer: the samples may or may not be in).</summary>
    public async Task<long?> SendAsync(string protocol, SampleBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            return protocol switch
            {
                "json" => await SendJsonAsync(batch, cancellationToken),
                _ => await SendGrpcAsync(batch, cancellationToken),
            };
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.ResourceExhausted or StatusCode.InvalidArgument or StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or RpcException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<long?> SendGrpcAsync(SampleBatch batch, CancellationToken cancellationToken)
    {
        using var call = new Ingest.IngestClient(channel).Push(headers, cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(batch, cancellationToken);
        await call.RequestStream.CompleteAsync();
        return (await call).Accepted;
    }

    private async Task<long?> SendJsonAsync(SampleBatch batch, CancellationToken cancellationToken)
    {
        var body = new
        {
            samples = batch.Samples.Select(s => new
            {
                metric = s.Metric,
                labels = s.Labels.ToDictionary(l => l.Name, l => l.Value),
                value = s.Value,
                timestamp = s.TimestampUnixMs,
                kind = s.Kind switch { MetricKind.Counter => "counter", MetricKind.Histogram => "histogram", _ => "gauge" },
                unit = s.Unit,
            }),
        };
        using var response = await http.PostAsJsonAsync("/api/v1/samples", body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accepted").GetInt64();
        }
        // A 5xx from the gateway may hide a forward whose samples the collector did accept: the outcome is unknown.
        return (int)response.StatusCode >= 500 ? null : 0;
    }

    public void Dispose()
    {
        http.Dispose();
        channel.Dispose();
    }
}
