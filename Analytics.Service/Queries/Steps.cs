namespace PerfMonitor.Analytics.Queries;

/// <summary>Bucket widths a query may ask for; <see cref="RollupSources.ForStep"/> says which table each is read from.</summary>
public static class Steps
{
    public static readonly IReadOnlyDictionary<string, TimeSpan> All = PerfMonitor.Contracts.Queries.RollupSteps.All;

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
