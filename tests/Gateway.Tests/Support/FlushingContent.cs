using System.IO.Pipelines;
using System.Net;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A request body copied from a pipe and flushed after every piece, as a gRPC client flushes each message. Over HTTP/2
/// HttpClient keeps a stream's DATA frames (and its HEADERS) in the connection's buffer until a flush: a StreamContent
/// never flushes, so a short held body went out only when some connection frame (a SETTINGS ack) happened to be written
/// after it, and under load the gateway never saw the request at all.
/// </summary>
public sealed class FlushingContent(PipeReader source) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await source.ReadAsync(cancellationToken);
            foreach (var piece in read.Buffer)
            {
                await stream.WriteAsync(piece, cancellationToken);
            }
            await stream.FlushAsync(cancellationToken);
            source.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
