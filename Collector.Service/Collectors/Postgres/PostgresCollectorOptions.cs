using System.ComponentModel.DataAnnotations;
using PerfMonitor.Collector.Collectors.Common;

namespace PerfMonitor.Collector.Collectors.Postgres;

public sealed class PostgresCollectorOptions : CollectorOptions
{
    public const string Section = "Collector:Collectors:Postgres";

    /// <summary>Statements from pg_stat_statements whose mean execution time is at least this are reported as slow.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SlowQueryThreshold { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The slowest statements reported per round; each becomes a series, so this bounds cardinality.</summary>
    [Range(0, 100)]
    public int MaxSlowQueries { get; set; } = 10;

    /// <summary>Characters of a slow statement's text kept in its <c>query</c> label.</summary>
    [Range(16, 256)]
    public int QueryLabelLength { get; set; } = 120;
}
