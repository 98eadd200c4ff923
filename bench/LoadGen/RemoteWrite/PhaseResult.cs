namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// One phase against one target. A paced phase kept up when no request failed, at least the required share of the
/// offered samples was acknowledged, and every acknowledged sample was visible within the window after the phase.
/// CPU is the counted processes' from the phase's start until its samples were visible (or the window ended), so work
/// a system defers past the phase is charged to it; memory is the peak seen during the phase.
/// </summary>
public sealed record PhaseResult
{
    public required string Label { get; init; }
    public required PhaseKind Kind { get; init; }
    /// <summary>Offered samples per second; 0 for the unpaced phase.</summary>
    public required double TargetPerSecond { get; init; }
    /// <summary>Samples the phase's pace offers over its planned duration (0 when unpaced).</summary>
    public required long Offered { get; init; }
    public required double StartSeconds { get; init; }
    public required double SendSeconds { get; init; }
    public required long Acknowledged { get; init; }
    public required long InDoubt { get; init; }
    public required long FailedRequests { get; init; }
    public string? LastError { get; init; }
    /// <summary>Seconds after the phase's last answer until everything acknowledged so far was visible; null when not within the window.</summary>
    public double? VisibleAfterSeconds { get; init; }
    public required double CpuSeconds { get; init; }
    /// <summary>Orchestration (DCP, the dotnet run wrappers) over the same time: not counted in <see cref="CpuSeconds"/>.</summary>
    public double ExcludedCpuSeconds { get; init; }
    /// <summary>The load generator's own process over the same time: it shares the cores with the system.</summary>
    public double GeneratorCpuSeconds { get; init; }
    public required double PeakRssMiB { get; init; }
    public required double PeakPssMiB { get; init; }
    /// <summary>The counted CPU and the memory split by process (PerfMonitor's services, PostgreSQL, the broker); empty for a peer.</summary>
    public IReadOnlyList<PartResult> Parts { get; init; } = [];
    public required bool KeptUp { get; init; }
    public required string Verdict { get; init; }

    public double AcceptedPerSecond => SendSeconds > 0 ? Acknowledged / SendSeconds : 0;

    /// <summary>Acknowledged samples over the time until they were all visible (for the unpaced phase: the end-to-end rate).</summary>
    public double VisiblePerSecond => VisibleAfterSeconds is { } after ? Acknowledged / (SendSeconds + after) : 0;

    public double AcceptedShare => Offered > 0 ? (double)Acknowledged / Offered : double.NaN;

    public double CpuSecondsPerMillion => PerMillion(CpuSeconds);

    public double PerMillion(double seconds) => Acknowledged > 0 ? seconds / (Acknowledged / 1e6) : double.NaN;
}
