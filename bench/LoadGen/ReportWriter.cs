using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfMonitor.LoadGen.Charts;
using PerfMonitor.LoadGen.Query;
using PerfMonitor.LoadGen.RemoteWrite;

namespace PerfMonitor.LoadGen;

/// <summary>The report as a console table, as JSON for later comparison, and as a PNG chart (files stay out of git: bench/results).</summary>
public static class ReportWriter
{
    public static string Table(LoadReport r)
    {
        static string Ratio(double value, double limit) => limit > 0 ? $"{value / limit:P0} of limit" : "";
        var text = new StringBuilder();
        text.AppendLine($"PerfMonitor {r.Mode} run {r.RunId}: {r.Series} series, {r.DurationSeconds:0}s, {(r.DirectKafka ? "background straight into Kafka" : $"mix {string.Join(",", r.Mix.Select(m => $"{m.Key}={m.Value}"))}")}");
        text.AppendLine($"  {"ingest accepted",-28} {r.AcceptedPerSecond,12:N0} samples/s  {Ratio(r.AcceptedPerSecond, r.KafkaBaselinePerSecond)}");
        text.AppendLine($"  {"ingest visible in rollups",-28} {r.VisiblePerSecond,12:N0} samples/s");
        text.AppendLine($"  {"freshness p50 / p99",-28} {r.FreshnessP50Ms,8:N0} / {r.FreshnessP99Ms:N0} ms ({r.FreshnessProbes} probes)");
        text.AppendLine($"  {"alert latency p50 / p99",-28} {r.AlertP50Ms,8:N0} / {r.AlertP99Ms:N0} ms ({r.AlertsReceived} of {r.AlertsInjected} incidents alerted, {r.AlertsLost} lost, {r.AlertsDuplicated} duplicated, {r.AlertsNotAcknowledged} never acknowledged{(r.RoutedAlerts ? "; through the routing tree" : "")})");
        text.AppendLine($"  {"idle alert latency p50 / p99",-28} {r.IdleAlertP50Ms,8:N0} / {r.IdleAlertP99Ms:N0} ms ({r.IdleAlertsReceived} of {r.IdleAlertsInjected} incidents, before the load)");
        text.AppendLine($"  {"alert latency / idle, p50",-28} {(r.IdleAlertP50Ms > 0 ? r.AlertP50Ms / r.IdleAlertP50Ms : 0),8:N1} x");
        text.AppendLine($"  {"query 1h p50 / p99",-28} {r.Query1hP50Ms,8:N1} / {r.Query1hP99Ms:N1} ms");
        text.AppendLine($"  {"query 24h p50 / p99",-28} {r.Query24hP50Ms,8:N1} / {r.Query24hP99Ms:N1} ms");
        text.AppendLine($"  {"max analytics lag",-28} {r.MaxLag,12:N0} records");
        text.AppendLine($"  {"max alerting lag",-28} {r.MaxAlertingLag,12:N0} records");
        foreach (var (service, usage) in r.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {service,-28} {usage.PeakMemoryMiB,8:N0} MiB peak  {usage.AverageCpuPercent,5:N0}% CPU avg");
        }
        text.AppendLine($"  {"limit: Kafka produce",-28} {r.KafkaBaselinePerSecond,12:N0} samples/s");
        text.AppendLine($"  {"limit: PostgreSQL COPY",-28} {r.CopyBaselineRowsPerSecond,12:N0} rows/s");
        foreach (var fault in r.Faults)
        {
            text.AppendLine(double.IsNaN(fault.RecoverySeconds)
                ? $"  fault {fault.Fault,-22} {fault.Detail}"
                : $"  fault {fault.Fault,-22} at {fault.AtSeconds,5:N0}s, recovered in {fault.RecoverySeconds,5:N1}s ({fault.Detail})");
        }
        foreach (var incident in r.UnalertedIncidents.Concat(r.SlowestIncidents))
        {
            text.AppendLine($"  incident {incident.Incident,-10} {incident.Verdict,-16} sent {incident.SentAtSeconds,5:N1}s {(incident.LatencyMs is { } ms ? $"alerted in {ms:N0} ms " : "")}" +
                $"sends {incident.SendAttempts}{(incident.LastSendError is null ? "" : $" ({incident.LastSendError})")} stalled {incident.StalledDeliveries}  {string.Join("; ", incident.Faults)}");
        }
        foreach (var trend in r.Soak)
        {
            text.AppendLine($"  soak {trend.Measure,-23} early {trend.Early,10:N1}  late {trend.Late,10:N1} {trend.Unit,-8} {(trend.Flat ? "flat" : "GROWING")}");
        }
        text.AppendLine($"  counts: acknowledged {r.Acknowledged:N0}, in doubt {r.InDoubt:N0}, counted {r.Counted:N0} -> lost {r.Lost:N0}, duplicated {r.Duplicated:N0}: {(r.CountsMatch ? "OK" : "MISMATCH")}");
        return text.ToString();
    }

    public static (string Json, string Png) Save(LoadReport report, string folder) =>
        Save(report, Path.Combine(folder, $"{report.Mode}-{report.RunId}"), path => LoadChart.Write(path, report));

    public static (string Json, string Png) Save(ComparisonReport report, string folder) =>
        Save(report, Path.Combine(folder, $"remote-write-{report.RunId}"), path => ComparisonChart.Write(path, report));

    public static (string Json, string Png) Save(QueryReport report, string folder) =>
        Save(report, Path.Combine(folder, $"query-{report.RunId}"), path => QueryChart.Write(path, report));

    private static (string Json, string Png) Save<T>(T report, string stem, Action<string> drawChart)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(stem))!);
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(report, JsonOptions));
        drawChart(stem + ".png");
        return (stem + ".json", stem + ".png");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
