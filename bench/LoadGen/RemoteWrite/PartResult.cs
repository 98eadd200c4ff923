using PerfMonitor.LoadGen.Usage;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// One counted part of a system (a service's process, PostgreSQL, the broker's thread) over a phase: its CPU over the
/// same time as the phase's total, per million acknowledged samples, and its peak PSS during the phase (0 for the
/// broker's thread, whose memory is the load generator's).
/// </summary>
public sealed record PartResult(string Name, double CpuSeconds, double CpuSecondsPerMillion, double PeakPssMiB)
{
    /// <summary>Each part present in both readings, in the order of the later one.</summary>
    public static IReadOnlyList<PartResult> Of(ResourceUsage before, ResourceUsage after, IReadOnlyList<RateTick> during, long acknowledged) =>
        after.Parts.Join(before.Parts, a => a.Name, b => b.Name, (a, b) =>
        {
            var cpu = a.CpuSeconds - b.CpuSeconds;
            var peak = during.Select(t => t.PssMiBByPart?.GetValueOrDefault(a.Name) ?? 0).Append(a.PssMiB).Max();
            return new PartResult(a.Name, cpu, acknowledged > 0 ? cpu / (acknowledged / 1e6) : double.NaN, peak);
        }, StringComparer.Ordinal).ToList();
}
