namespace PerfMonitor.Alerting.Notify;

/// <summary>What a notification reports: one alert instance firing, resolved, reminding (repeat), or a test.</summary>
public sealed record AlertEvent(
    AlertEventKind Event,
    long SeriesId,
    IReadOnlyDictionary<string, string> Labels,
    double Value,
    DateTimeOffset? ActiveAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt)
{
    /// <summary>The state receivers see: a reminder and a test report a firing alert.</summary>
    public AlertEventKind Status => Event == AlertEventKind.Resolved ? AlertEventKind.Resolved : AlertEventKind.Firing;
}
