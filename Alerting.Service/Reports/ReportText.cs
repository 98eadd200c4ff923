using System.Globalization;

namespace PerfMonitor.Alerting.Reports;

/// <summary>How numbers, durations and changes read in a report, the same in HTML and in Slack.</summary>
public static class ReportText
{
    public static string Title(Report report) =>
        $"PerfMonitor {(report.Kind == ReportKind.Daily ? "daily" : "weekly")} report, {Time(report.PeriodStart)} to {Time(report.PeriodEnd)}";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(double? value) => value is { } v ? Number(v) : "–";

    public static string Change(double? percent) => percent is { } p ? (p >= 0 ? "+" : "") + p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Seconds(double? seconds) => seconds switch
    {
        null => "–",
        < 60 => $"{seconds.Value.ToString("0", CultureInfo.InvariantCulture)}s",
        < 3600 => $"{(seconds.Value / 60).ToString("0.#", CultureInfo.InvariantCulture)}m",
        _ => $"{(seconds.Value / 3600).ToString("0.#", CultureInfo.InvariantCulture)}h",
    };
}
