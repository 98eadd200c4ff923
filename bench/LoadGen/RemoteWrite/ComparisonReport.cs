namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>One remote-write comparison run: the workload, the machine, and each system's result, PerfMonitor first.</summary>
public sealed record ComparisonReport
{
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required RemoteWriteOptions Workload { get; init; }
    public required int ProcessorCount { get; init; }
    public required IReadOnlyList<SystemResult> Systems { get; init; }

    public SystemResult PerfMonitor => Systems[0];

    public IEnumerable<SystemResult> Peers => Systems.Skip(1);

    /// <summary>Every system counted back exactly what it acknowledged (nothing lost, nothing twice).</summary>
    public bool CountsMatch => Systems.All(s => s.CountsMatch);
}
