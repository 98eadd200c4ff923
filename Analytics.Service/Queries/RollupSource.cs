namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// The table a query reads its closed hours from: minutes below five minutes, rollups_5m from five minutes up to an
/// hour, rollups_1h from an hour up. Each derived width divides every step it serves, so its rows never straddle a bucket.
/// </summary>
public enum RollupSource
{
    Minutes,
    FiveMinutes,
    Hours,
}
