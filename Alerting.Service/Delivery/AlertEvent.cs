namespace PerfMonitor.Alerting.Delivery;

/// <summary>What a notification reports: one alert instance firing, resolved, reminding (repeat), or a test.</summary>
public sealed record AlertEvent(
    string Event,
    long SeriesId,
    IReadOnlyDictionary<string, string> Labels,
    double Value,
    DateTimeOffset? ActiveAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
    public const string Repeat = "repeat";
    public const string Test = "test";

    /// <summary>The state receivers see: a reminder and a test report a firing alert.</summary>
    public string Status => Event == Resolved ? Resolved : Firing;
}
