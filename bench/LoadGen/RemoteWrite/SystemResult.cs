namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>Everything one system did with the workload: each phase, the final count, the timeline and the hold's probes.</summary>
public sealed record SystemResult
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Auth { get; init; }
    public required string UsageScope { get; init; }
    public required string VisibleSource { get; init; }
    public required IReadOnlyList<PhaseResult> Phases { get; init; }
    public required long Acknowledged { get; init; }
    public required long InDoubt { get; init; }
    /// <summary>The final count after the run (PerfMonitor: through /api/v1/rollups; peers: their counter).</summary>
    public required long Counted { get; init; }
    public required IReadOnlyList<RateTick> Timeline { get; init; }
    public HoldProbeResult? Probes { get; init; }

    public IEnumerable<PhaseResult> Steps => Phases.Where(p => p.Kind == PhaseKind.Step);

    /// <summary>The highest step that kept up; 0 when none did.</summary>
    public double BestSustainedPerSecond => Steps.Where(s => s.KeptUp).Select(s => s.TargetPerSecond).DefaultIfEmpty(0).Max();

    /// <summary>Every step kept up, so the best is only a lower bound.</summary>
    public bool TopStepKeptUp => Steps.Any() && Steps.All(s => s.KeptUp);

    public PhaseResult? Hold => Phases.FirstOrDefault(p => p.Kind == PhaseKind.Hold);

    public PhaseResult? Unpaced => Phases.FirstOrDefault(p => p.Kind == PhaseKind.Unpaced);

    public long Lost => Math.Max(0, Acknowledged - Counted);

    public long Duplicated => Math.Max(0, Counted - Acknowledged - InDoubt);

    public bool CountsMatch => Lost == 0 && Duplicated == 0;
}
