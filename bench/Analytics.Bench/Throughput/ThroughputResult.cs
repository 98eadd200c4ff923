using System.Globalization;
using System.Text;

namespace PerfMonitor.Analytics.Bench.Throughput;

public sealed record ThroughputResult(
    double ReadSamplesPerSecond, double AggregateSamplesPerSecond, double CopySamplesPerSecond, double CopyRowsPerSecond,
    double ConsumerSamplesPerSecond, double ConsumerWallSeconds, double RowsWritten, double ReadBackRows, double FlushP50Ms, double FlushMaxMs,
    double ProducedSamplesPerSecond, double LiveSamplesPerSecond, double LagP50Ms, double LagP99Ms, double LagMaxMs, bool Exact)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"read {ReadSamplesPerSecond:N0}/s, aggregate {AggregateSamplesPerSecond:N0}/s, COPY {CopySamplesPerSecond:N0} samples/s ({CopyRowsPerSecond:N0} rows/s), consumer {ConsumerSamplesPerSecond:N0}/s (wall {ConsumerWallSeconds:0.0} s, {RowsWritten:N0} rows written, {ReadBackRows:N0} read back, flush p50 {FlushP50Ms:0} ms max {FlushMaxMs:0} ms), live produced {ProducedSamplesPerSecond:N0}/s committed {LiveSamplesPerSecond:N0}/s lag p50 {LagP50Ms:0} ms p99 {LagP99Ms:0} ms max {LagMaxMs:0} ms, exact {Exact}");

    public static string Table(IReadOnlyList<ThroughputResult> runs)
    {
        double M(Func<ThroughputResult, double> f) => Median(runs.Select(f));
        var consumer = M(r => r.ConsumerSamplesPerSecond);
        var text = new StringBuilder();
        text.AppendLine("| measure | median | ratio |");
        text.AppendLine("|---|---|---|");
        Row("read the topic, no work (raw limit)", $"{M(r => r.ReadSamplesPerSecond):N0} samples/s", $"consumer = {consumer / M(r => r.ReadSamplesPerSecond):P0}");
        Row("read + decode + aggregate, no PostgreSQL", $"{M(r => r.AggregateSamplesPerSecond):N0} samples/s", $"consumer = {consumer / M(r => r.AggregateSamplesPerSecond):P0}");
        Row("binary COPY of the rows the consumer wrote (raw limit)", $"{M(r => r.CopySamplesPerSecond):N0} samples/s ({M(r => r.CopyRowsPerSecond):N0} rows/s)", $"consumer = {consumer / M(r => r.CopySamplesPerSecond):P0}");
        Row("**rollup consumer into PostgreSQL** (backlog)", $"**{consumer:N0} samples/s**", $"{consumer / 150_000:P0} of the 150,000 target");
        Row("rows written / read back", $"{M(r => r.RowsWritten):N0} / {M(r => r.ReadBackRows):N0}", "");
        Row("flush p50 / max", $"{M(r => r.FlushP50Ms):N0} ms / {M(r => r.FlushMaxMs):N0} ms", "");
        Row("live: produced rate", $"{M(r => r.ProducedSamplesPerSecond):N0} samples/s", "");
        Row("live: committed rate (samples over the time until the last was committed)", $"{M(r => r.LiveSamplesPerSecond):N0} samples/s", "");
        Row("live: end-to-end lag (produce to committed in PostgreSQL)", $"p50 {M(r => r.LagP50Ms):N0} ms, p99 {M(r => r.LagP99Ms):N0} ms, max {M(r => r.LagMaxMs):N0} ms", "");
        Row("counts exact (PostgreSQL = samples sent)", string.Join(", ", runs.Select(r => r.Exact ? "yes" : "NO")), "");
        return text.ToString();

        void Row(string name, string value, string ratio) => text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} | {ratio} |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
