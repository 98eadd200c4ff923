using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// The statement that reads series' rollup rows over a range from the table covering each part of it: minutes for the
/// <see cref="RollupSource.Minutes"/> source; otherwise five-minute or hour rows up to the <see cref="RollupEdge"/> and
/// minute rows after it. The answer never has a gap or counts a minute twice. The rollups API and PromQL's series
/// source both read through it. Every bound is a parameter, so the planner (a custom plan per execution: nothing here
/// is prepared) prices the rows by their real range and the series by their real number. The series are a condition
/// on the key (<c>series_id = ANY</c>), not a join: against a set joined in, whose values it has no statistics for,
/// the planner hashed a week of every series' rows (spilling to disk) to probe it with a few hundred ids.
/// </summary>
public static class RollupRowsSql
{
    /// <summary>
    /// The statement: rows of the series $1 (bigint[]) with buckets in [$2, $3) ($2 aligned to the source's width), as
    /// <c>r.bucket</c> and then <paramref name="columns"/> (expressions over the table alias <c>r</c>, the same for every
    /// table); for a derived source, $4 is the edge and $5 where minute rows start (the later of $2 and the edge).
    /// <paramref name="minuteBuckets"/>: a minute row keeps its own bucket, and a last column says whether a row is a
    /// whole row of the source's width (true) or a minute; otherwise a minute row read for the hour source carries its hour.
    /// </summary>
    private static string For(RollupSource source, string columns, bool minuteBuckets)
    {
        var (whole, minute) = minuteBuckets ? (", true", ", false") : ("", "");
        if (source == RollupSource.Minutes)
        {
            return $"""
                SELECT r.bucket, {columns}{whole}
                FROM perfmon.rollups_1m r WHERE r.series_id = ANY($1) AND r.bucket >= $2 AND r.bucket < $3
                """;
        }
        var table = source == RollupSource.Hours ? "rollups_1h" : "rollups_5m";
        var minuteBucket = source == RollupSource.Hours && !minuteBuckets ? "date_trunc('hour', r.bucket, 'UTC')" : "r.bucket";
        return $"""
            SELECT r.bucket, {columns}{whole}
            FROM perfmon.{table} r WHERE r.series_id = ANY($1) AND r.bucket >= $2 AND r.bucket < $4
            UNION ALL
            SELECT {minuteBucket}, {columns}{minute}
            FROM perfmon.rollups_1m r WHERE r.series_id = ANY($1) AND r.bucket >= $5 AND r.bucket < $3
            """;
    }

    /// <summary>The statement of <see cref="For"/> with its parameters bound, the edge read first on the same connection.</summary>
    public static async Task<NpgsqlCommand> CommandAsync(
        NpgsqlConnection connection, RollupSource source, long[] seriesIds, DateTime from, DateTime to, string columns, bool minuteBuckets, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(For(source, columns, minuteBuckets), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = seriesIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        Time(command, from);
        Time(command, to);
        if (source != RollupSource.Minutes)
        {
            var edge = await RollupEdge.ReadAsync(connection, source, to, cancellationToken);
            Time(command, edge);
            Time(command, edge > from ? edge : from);
        }
        return command;
    }

    private static void Time(NpgsqlCommand command, DateTime time) =>
        command.Parameters.Add(new NpgsqlParameter { Value = time, NpgsqlDbType = NpgsqlDbType.TimestampTz });
}
