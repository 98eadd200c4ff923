namespace PerfMonitor.Analytics.Queries;

/// <summary>Which limit of <see cref="QueryLimits"/> a refused query reached.</summary>
public enum QueryCost
{
    TooManySeries,
    LimitTooLarge,
    Timeout,
}
