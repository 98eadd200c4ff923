namespace PerfMonitor.Analytics.Queries;

/// <summary>Bucket widths a query may ask for; <see cref="RollupSources.ForStep"/> says which table each is read from.</summary>
public static class Steps
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> All = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["30m"] = TimeSpan.FromMinutes(30),
        ["1h"] = TimeSpan.FromHours(1),
        ["6h"] = TimeSpan.FromHours(6),
        ["1d"] = TimeSpan.FromDays(1),
    };

    /// <summary>At most this many buckets per answer; a longer range needs a wider step.</summary>
    public const int MaxPoints = 10_080;

    public static TimeSpan Parse(string step) => All[step];

    /// <summary>The narrowest step that keeps the answer at about 300 points, as a chart wants.</summary>
    public static string Choose(TimeSpan range)
    {
        const int targetPoints = 300;
        return All.Where(s => range / s.Value <= targetPoints).OrderBy(s => s.Value).Select(s => s.Key).FirstOrDefault() ?? "1d";
    }
}
