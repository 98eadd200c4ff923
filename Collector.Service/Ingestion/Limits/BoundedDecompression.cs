using System.IO.Compression;
using Grpc.Net.Compression;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>
/// gRPC's gzip and deflate, inflating a request message to at most a given size. grpc-dotnet checks the message size
/// before decompressing and then inflates it whole into memory, so a megabyte of zeros compressed to a kilobyte
/// would become a gigabyte; these stop at the limit with RESOURCE_EXHAUSTED.
/// </summary>
public sealed class BoundedDecompression(ICompressionProvider inner, long limit) : ICompressionProvider
{
    public string EncodingName => inner.EncodingName;

    /// <summary>The providers grpc-dotnet installs by default, each bounded.</summary>
    public static IList<ICompressionProvider> Providers(long limit) =>
    [
        new BoundedDecompression(new GzipCompressionProvider(CompressionLevel.Fastest), limit),
        new BoundedDecompression(new DeflateCompressionProvider(CompressionLevel.Fastest), limit),
    ];

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) => inner.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) => new BoundedReadStream(inner.CreateDecompressionStream(stream), limit, EncodingName);
}
