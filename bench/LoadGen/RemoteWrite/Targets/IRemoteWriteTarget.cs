using PerfMonitor.LoadGen.Usage;

namespace PerfMonitor.LoadGen.RemoteWrite.Targets;

/// <summary>A system the remote-write workload is offered to: PerfMonitor through its gateway, or a peer.</summary>
public interface IRemoteWriteTarget : IAsyncDisposable
{
    string Name { get; }

    string Version { get; }

    RemoteWriteClient Client { get; }

    /// <summary>What <see cref="ReadUsage"/> counts, and what it leaves out, in words for the report.</summary>
    string UsageScope { get; }

    /// <summary>Where "visible" comes from, in words for the report.</summary>
    string VisibleSource { get; }

    /// <summary>Samples of this run the system has made visible so far (cumulative): cheap enough to poll every second.</summary>
    Task<long> VisibleAsync(CancellationToken cancellationToken);

    /// <summary>The final, exact count after the run, by the route a user would read it (PerfMonitor: the rollups API).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    ResourceUsage ReadUsage();
}
