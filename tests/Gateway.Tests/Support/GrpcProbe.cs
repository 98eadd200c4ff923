using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A gRPC call to any path, built by hand over HTTP/2 (h2c), so a test can call method names no generated client would
/// (<c>/perfmon.v1.alerts/createrule</c>) and see the HTTP answer itself: who served it and the gRPC status.
/// </summary>
public static class GrpcProbe
{
    public const string ServedByHeader = "X-PerfMonitor-Service";

    /// <param name="Grpc">The grpc-status from the headers (trailers-only answer) or the trailers; null when there was none.</param>
    /// <param name="ServedBy">The service the gateway forwarded to; null when the gateway answered itself.</param>
    public sealed record Answer(HttpStatusCode Http, StatusCode? Grpc, string? ServedBy);

    private static readonly HttpClient Client = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<Answer> CallAsync(Uri grpcUrl, string path, string? key, IMessage? message = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = Request(grpcUrl, path, key, headers);
        request.Content = Frame(message);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var response = await Client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var status = Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status");
        return new Answer(response.StatusCode, status is null ? null : (StatusCode)int.Parse(status), Header(response.Headers, ServedByHeader));
    }

    /// <summary>A gRPC request whose body the caller supplies (e.g. one that never ends).</summary>
    public static HttpRequestMessage Request(Uri grpcUrl, string path, string? key, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(grpcUrl, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>One length-prefixed gRPC message (uncompressed); an empty message when none is given.</summary>
    private static ByteArrayContent Frame(IMessage? message)
    {
        var payload = message?.ToByteArray() ?? [];
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return new ByteArrayContent(frame);
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
