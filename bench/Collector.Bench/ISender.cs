namespace PerfMonitor.Collector.Bench;

/// <summary>Sends one request (a gRPC call of several messages, or one HTTP POST) and returns the samples the collector accepted.</summary>
public interface ISender : IDisposable
{
    Task<long> SendAsync(int index, CancellationToken cancellationToken);
}
