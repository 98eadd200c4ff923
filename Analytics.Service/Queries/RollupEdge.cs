using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// Where a read of five-minute or hour rows hands over to minute rows: the first hour not rolled up yet (the open hour,
/// or the oldest the hourly job still has marked dirty), or the end of the last whole row before the range's end,
/// whichever comes first. It is read by a statement of its own before the rows (<see cref="RollupRowsSql"/>), so the
/// rows' statement carries it as a value the planner sees. As a subquery inside that statement it was known only at
/// run time: the planner priced the range it bounds at PostgreSQL's default 0.5% of the rows, whatever its width, and
/// read a 7-day range of a few hundred series by scanning every series' rows of the range to hash-join the few asked for.
/// </summary>
public static class RollupEdge
{
    // least() skips a null: with no dirty hour, the open hour or the range's end decides.
    private const string Sql = """
        SELECT least(date_bin($1, $2, timestamptz 'epoch'), date_trunc('hour', now(), 'UTC'), (SELECT min(hour) FROM perfmon.rollup_hours_dirty))
        """;

    /// <summary>The edge for a read of <paramref name="source"/>'s rows with bucket starts before <paramref name="to"/>.</summary>
    public static async Task<DateTime> ReadAsync(NpgsqlConnection connection, RollupSource source, DateTime to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = source.Width(), NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
