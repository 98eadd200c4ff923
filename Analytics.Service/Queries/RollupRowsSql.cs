namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// The SQL that reads rollup rows over a range from the table covering each part of it: minutes for the
/// <see cref="RollupSource.Minutes"/> source; otherwise five-minute or hour rows up to the edge (the first hour not
/// rolled up yet: the open hour or the oldest the hourly job still has marked dirty, or the end of the last whole row
/// before the range's end) and minute rows after it. The answer never has a gap or counts a minute twice. The rollups
/// API and PromQL's series source both read through it.
/// </summary>
public static class RollupRowsSql
{
    /// <summary>
    /// Rows of the series that <paramref name="matching"/> (a query of series_id) returns, with buckets in
    /// [<paramref name="from"/>, <paramref name="to"/>) (SQL expressions; from aligned to the source's width), as
    /// <c>r.bucket</c> and then <paramref name="columns"/> (expressions over the table alias <c>r</c>, the same for every
    /// table). <paramref name="minuteBuckets"/>: a minute row keeps its own bucket, and a last column says whether a
    /// row is a whole row of the source's width (true) or a minute; otherwise a minute row read for the hour source
    /// carries its hour.
    /// </summary>
    public static string For(RollupSource source, string matching, string columns, string from, string to, bool minuteBuckets)
    {
        var (whole, minute) = minuteBuckets ? (", true", ", false") : ("", "");
        if (source == RollupSource.Minutes)
        {
            return $"""
                WITH matching AS ({matching})
                SELECT r.bucket, {columns}{whole}
                FROM perfmon.rollups_1m r JOIN matching USING (series_id) WHERE r.bucket >= {from} AND r.bucket < {to}
                """;
        }
        var (table, width) = source == RollupSource.Hours ? ("rollups_1h", "1 hour") : ("rollups_5m", "5 minutes");
        var minuteBucket = source == RollupSource.Hours && !minuteBuckets ? "date_trunc('hour', r.bucket, 'UTC')" : "r.bucket";
        return $"""
            WITH matching AS ({matching}),
            cutoff AS (SELECT least(date_trunc('hour', now(), 'UTC'), coalesce((SELECT min(hour) FROM perfmon.rollup_hours_dirty), 'infinity')) AS t),
            edge AS (SELECT least(date_bin('{width}', {to}, timestamptz 'epoch'), (SELECT t FROM cutoff)) AS t)
            SELECT r.bucket, {columns}{whole}
            FROM perfmon.{table} r JOIN matching USING (series_id)
            WHERE r.bucket >= {from} AND r.bucket < (SELECT t FROM edge)
            UNION ALL
            SELECT {minuteBucket}, {columns}{minute}
            FROM perfmon.rollups_1m r JOIN matching USING (series_id)
            WHERE r.bucket >= greatest({from}, (SELECT t FROM edge)) AND r.bucket < {to}
            """;
    }
}
