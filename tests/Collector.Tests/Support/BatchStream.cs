using Grpc.Core;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>A client stream of gRPC messages, read by the service as Kestrel would hand them over.</summary>
public sealed class BatchStream<T>(IEnumerable<T> messages) : IAsyncStreamReader<T>
{
    private readonly IEnumerator<T> messages = messages.GetEnumerator();

    public T Current => messages.Current;

    public int Read { get; private set; }

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var more = messages.MoveNext();
        Read += more ? 1 : 0;
        return Task.FromResult(more);
    }
}
