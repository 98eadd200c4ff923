namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>What an acknowledge link's token says: the alert (its fingerprint) and the firing it was sent for, or why it says nothing.</summary>
public sealed record LinkReading(string AlertId, DateTimeOffset FiredAt, DateTimeOffset ExpiresAt, LinkProblem Problem)
{
    public static LinkReading Invalid { get; } = new("", default, default, LinkProblem.Invalid);
}
