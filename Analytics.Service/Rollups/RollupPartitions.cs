using Npgsql;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Names and creates the partitions: minutes and five minutes by day (rollups_1m_yyyyMMdd, rollups_5m_yyyyMMdd),
/// hours by month (rollups_1h_yyyyMM), each bounded by UTC midnights. Retention drops whole partitions, never deletes rows.
/// </summary>
public static class RollupPartitions
{
    public const string Minutes = "rollups_1m";
    public const string FiveMinutes = "rollups_5m";
    public const string Hours = "rollups_1h";

    public static RollupPartition MinuteTable(DateOnly day) => new(Minutes, $"{Minutes}_{day:yyyyMMdd}", day, day.AddDays(1));

    public static RollupPartition FiveMinuteTable(DateOnly day) => new(FiveMinutes, $"{FiveMinutes}_{day:yyyyMMdd}", day, day.AddDays(1));

    public static RollupPartition HourTable(DateOnly day)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        return new(Hours, $"{Hours}_{month:yyyyMM}", month, month.AddMonths(1));
    }

    public static async Task CreateAsync(NpgsqlDataSource dataSource, RollupPartition partition, CancellationToken cancellationToken)
    {
        try
        {
            // The bounds carry their offset: a bare date is read in the session's time zone, which is the server's
            // default unless the connection sets one, and would cut the days at local midnights.
            await using var command = dataSource.CreateCommand(
                $"CREATE TABLE IF NOT EXISTS perfmon.{partition.Name} PARTITION OF perfmon.{partition.Parent} FOR VALUES FROM ('{partition.From:yyyy-MM-dd} 00:00:00+00') TO ('{partition.To:yyyy-MM-dd} 00:00:00+00')");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created the same partition at the same moment.
        }
    }
}
