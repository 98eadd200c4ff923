namespace PerfMonitor.Contracts.Queries;

/// <summary>
/// The bucket widths a rollup query may ask for (<c>step</c> of /api/v1/rollups and perfmon.v1.Query/GetRollups,
/// <c>interval</c> of /api/v1/timeseries), narrowest first: analytics parses them, the gateway documents them.
/// </summary>
public static class RollupSteps
{
    public static IReadOnlyDictionary<string, TimeSpan> All { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["30m"] = TimeSpan.FromMinutes(30),
        ["1h"] = TimeSpan.FromHours(1),
        ["6h"] = TimeSpan.FromHours(6),
        ["1d"] = TimeSpan.FromDays(1),
    };

    /// <summary>The step names, narrowest first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.OrderBy(step => step.Value).Select(step => step.Key)];
}
