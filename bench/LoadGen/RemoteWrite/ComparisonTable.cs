using System.Globalization;
using System.Text;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>The comparison as text: the systems side by side with PerfMonitor's ratio to each peer, then each system's phases.</summary>
public static class ComparisonTable
{
    private const int Label = 44, Column = 17, Part = 24;

    public static string Format(ComparisonReport report)
    {
        var w = report.Workload;
        var text = new StringBuilder();
        text.AppendLine($"Remote write run {report.RunId} ({report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.ProcessorCount} cores): {w.Series:N0} series, " +
            $"{w.SeriesPerRequest:N0} per request, {w.Senders} senders; steps of {w.StepDuration.TotalSeconds:0} s, hold {w.HoldDuration.TotalSeconds:0} s, " +
            $"unpaced {w.UnpacedDuration.TotalSeconds:0} s; kept up = no failed request, >= {w.KeptUpShare:P0} accepted, all visible within {w.VisibleWithin.TotalSeconds:0} s");
        Row(text, "", report.Systems.Select(s => s.Name));
        Row(text, "best sustained rate (samples/s)", report.Systems.Select(s => $"{s.BestSustainedPerSecond:N0}{(s.TopStepKeptUp ? "+" : "")}"));
        Ratios(text, report, s => s.BestSustainedPerSecond, s => s.TopStepKeptUp);
        Row(text, "hold: offered (samples/s)", report.Systems.Select(s => Number(s.Hold?.TargetPerSecond)));
        Row(text, "hold: accepted (samples/s)", report.Systems.Select(s => Number(s.Hold?.AcceptedPerSecond)));
        Row(text, "hold: kept up", report.Systems.Select(s => s.Hold is null ? "-" : s.Hold.KeptUp ? "yes" : "NO"));
        Row(text, "hold: CPU-seconds per million samples", report.Systems.Select(s => Number(s.Hold?.CpuSecondsPerMillion, "N2")));
        Ratios(text, report, s => s.Hold?.CpuSecondsPerMillion ?? double.NaN, _ => false);
        Row(text, "hold: peak memory, PSS (MiB)", report.Systems.Select(s => Number(s.Hold?.PeakPssMiB)));
        Ratios(text, report, s => s.Hold?.PeakPssMiB ?? double.NaN, _ => false);
        Row(text, "hold: peak memory, RSS (MiB)", report.Systems.Select(s => Number(s.Hold?.PeakRssMiB)));
        Row(text, "unpaced: accepted (samples/s)", report.Systems.Select(s => Number(s.Unpaced?.AcceptedPerSecond)));
        Row(text, "unpaced: visible end to end (samples/s)", report.Systems.Select(s => Number(s.Unpaced?.VisiblePerSecond)));
        Ratios(text, report, s => s.Unpaced?.AcceptedPerSecond ?? double.NaN, _ => false, "PerfMonitor / peer, unpaced accepted");
        Row(text, "counts: lost / duplicated", report.Systems.Select(s => $"{s.Lost:N0} / {s.Duplicated:N0}"));
        foreach (var system in report.Systems)
        {
            Details(text, system);
        }
        return text.ToString();
    }

    private static void Details(StringBuilder text, SystemResult s)
    {
        text.AppendLine();
        text.AppendLine($"{s.Name} {s.Version}; credentials: {s.Auth}; visible: {s.VisibleSource}");
        text.AppendLine($"  CPU and memory of: {s.UsageScope}");
        foreach (var phase in s.Phases)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {phase.Label,-32} accepted {phase.AcceptedPerSecond,11:N0}/s {(phase.Offered > 0 ? $"({phase.AcceptedShare:P1})" : ""),-9} CPU {phase.CpuSecondsPerMillion,6:N2} s/M  PSS {phase.PeakPssMiB,6:N0} MiB  {phase.Verdict}"));
        }
        if (s.Hold is { } hold)
        {
            text.AppendLine($"  during the hold, not counted above: load generator {hold.PerMillion(hold.GeneratorCpuSeconds):N2} CPU-s/M" +
                (hold.ExcludedCpuSeconds > 0 ? $", orchestration (DCP, dotnet run wrappers) {hold.PerMillion(hold.ExcludedCpuSeconds):N2} CPU-s/M" : ""));
        }
        if (s.Hold is { Parts.Count: > 0 } held)
        {
            ByProcess(text, held);
        }
        if (s.Probes is { } p)
        {
            text.AppendLine($"  during the hold: freshness p50 {p.FreshnessP50Ms:N0} ms, p99 {p.FreshnessP99Ms:N0} ms ({p.FreshnessProbes} probes); " +
                $"alert latency p50 {p.AlertP50Ms:N0} ms, p99 {p.AlertP99Ms:N0} ms ({p.AlertsReceived} of {p.AlertsInjected})");
            text.AppendLine($"  before the load (the first alerts after start): alert latency p50 {p.IdleAlertP50Ms:N0} ms, max {p.IdleAlertMaxMs:N0} ms ({p.IdleAlertsReceived} of {p.IdleAlertsInjected})");
        }
        text.AppendLine($"  counts: acknowledged {s.Acknowledged:N0}, in doubt {s.InDoubt:N0}, counted {s.Counted:N0} -> lost {s.Lost:N0}, duplicated {s.Duplicated:N0}: {(s.CountsMatch ? "OK" : "MISMATCH")}");
    }

    /// <summary>The hold's counted CPU and memory split by process: where the time per sample goes.</summary>
    private static void ByProcess(StringBuilder text, PhaseResult hold)
    {
        text.AppendLine($"  {"hold by process",-Part}{"CPU-s/M",10}{"CPU share",11}{"peak PSS MiB",14}");
        foreach (var part in hold.Parts)
        {
            var share = hold.CpuSeconds > 0 ? part.CpuSeconds / hold.CpuSeconds : double.NaN;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"    {part.Name,-(Part - 2)}{Number(part.CpuSecondsPerMillion, "N2"),10}{Number(share, "P1"),11}{(part.PeakPssMiB > 0 ? Number(part.PeakPssMiB) : "-"),14}"));
        }
    }

    /// <summary>PerfMonitor's figure over each peer's; "<=" where the peer's figure is only a lower bound (its top step kept up).</summary>
    private static void Ratios(StringBuilder text, ComparisonReport report, Func<SystemResult, double> value, Func<SystemResult, bool> lowerBound, string label = "  PerfMonitor / peer")
    {
        var ours = value(report.PerfMonitor);
        Row(text, label, report.Systems.Select((s, i) => i == 0 || !(value(s) > 0) || !double.IsFinite(ours)
            ? ""
            : $"{(lowerBound(s) ? "<=" : "")}{ours / value(s):0.00}x"));
    }

    private static string Number(double? value, string format = "N0") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static void Row(StringBuilder text, string label, IEnumerable<string> cells) =>
        text.AppendLine($"{label,-Label}{string.Concat(cells.Select(c => c.PadLeft(Column)))}");
}
