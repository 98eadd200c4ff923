namespace PerfMonitor.Analytics.Queries;

public static class RollupSources
{
    public static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>The widest source whose rows fit whole into buckets of <paramref name="step"/>.</summary>
    public static RollupSource ForStep(TimeSpan step) =>
        step >= Hour ? RollupSource.Hours : step >= FiveMinutes ? RollupSource.FiveMinutes : RollupSource.Minutes;

    /// <summary>The width of one row of the source.</summary>
    public static TimeSpan Width(this RollupSource source) => source switch
    {
        RollupSource.Hours => Hour,
        RollupSource.FiveMinutes => FiveMinutes,
        _ => TimeSpan.FromMinutes(1),
    };
}
