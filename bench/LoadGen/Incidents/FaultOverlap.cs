namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// Which faults an incident overlapped: a fault's window runs from its injection to its recovery, and an incident's from
/// its first send until it should have alerted (<see cref="Reach"/> later; the rule fires on the first sample).
/// </summary>
public static class FaultOverlap
{
    public static readonly TimeSpan Reach = TimeSpan.FromSeconds(15);

    public static IReadOnlyList<string> Of(double sentAtSeconds, IEnumerable<FaultOutcome> faults) =>
        [.. faults
            .Where(f => f.AtSeconds <= sentAtSeconds + Reach.TotalSeconds && sentAtSeconds <= f.AtSeconds + (double.IsNaN(f.RecoverySeconds) ? double.MaxValue : f.RecoverySeconds))
            .Select(f => $"{f.Fault} (sent {sentAtSeconds - f.AtSeconds:+0.0;-0.0} s from its start, recovered after {f.RecoverySeconds:0.0} s)")];
}
