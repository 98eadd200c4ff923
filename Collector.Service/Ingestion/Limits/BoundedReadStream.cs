using Grpc.Core;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>A read-only stream that refuses (RESOURCE_EXHAUSTED) to give more than <paramref name="limit"/> bytes of what it wraps.</summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string encoding) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // One byte more than allowed is asked for, so a message of exactly the limit still passes.
        var got = inner.Read(buffer[..(int)Math.Min(buffer.Length, limit - read + 1)]);
        read += got;
        if (read > limit)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"The {encoding}-compressed message inflates past {limit} bytes (Ingest:MaxRequestBodyBytes); send smaller messages."));
        }
        return got;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
