using System.Globalization;
using System.Text;

namespace PerfMonitor.Collector.Bench;

/// <summary>Medians over the runs, as a markdown table ready for docs/benchmarks.md.</summary>
public static class Report
{
    public static string Markdown(BenchOptions options, IReadOnlyList<PhaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Collector.Bench -- {options.CommandLine()}`");
        text.AppendLine();
        text.AppendLine("| protocol | samples/s (median, min-max) | ratio to kafka-direct | allocated per sample | collector CPU per sample | collector cores | bench cores |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        var baselines = results.Where(r => r.Protocol == Protocols.Baseline).ToDictionary(r => r.Run, r => r.SamplesPerSecond);
        foreach (var protocol in results.Select(r => r.Protocol).Distinct())
        {
            var runs = results.Where(r => r.Protocol == protocol).ToList();
            var rates = runs.Select(r => r.SamplesPerSecond).ToList();
            var ratio = Median(runs.Select(r => r.SamplesPerSecond / baselines[r.Run]));
            var cpu = protocol == Protocols.Baseline ? "-" : $"{Median(runs.Select(r => r.CollectorCpuMicrosPerSample)):N2} µs";
            var cores = protocol == Protocols.Baseline ? "-" : $"{Median(runs.Select(r => r.CollectorCores)):N2}";
            var allocated = $"{Median(runs.Select(r => r.BytesPerSample)):N0} B" + (protocol == Protocols.Baseline ? " (producer process)" : "");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {protocol} | {Median(rates):N0} ({rates.Min():N0}-{rates.Max():N0}) | {ratio:0.000} | {allocated} | {cpu} | {cores} | {Median(runs.Select(r => r.BenchCores)):N2} |");
        }
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
