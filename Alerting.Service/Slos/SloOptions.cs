using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Slos;

public sealed class SloOptions
{
    public const string Section = "Slos";

    /// <summary>The window of an SLO that names none: the SRE workbook's 30 days.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00")]
    public TimeSpan DefaultWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The window the budget series' burn rate is measured over (the page alert's long window).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan BurnRateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most this many points per budget series, as Prometheus limits a range query (11,000).</summary>
    [Range(2, 11_000)]
    public int MaxBudgetPoints { get; set; } = 11_000;

    /// <summary>The step of a budget series that names none.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DefaultBudgetStep { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The range of a budget series that names no start: this long before its end.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "400.00:00:00")]
    public TimeSpan DefaultBudgetRange { get; set; } = TimeSpan.FromDays(7);
}
