namespace PerfMonitor.LoadGen.Incidents;

/// <summary>
/// An incident that did not alert, or alerted slowest, for the report: its series (the incident label), when it was sent in run
/// seconds, whether its sample was ever acknowledged, and the faults whose window overlapped it, so a run says which
/// fault loses it. <see cref="Verdict"/> is one of <see cref="IncidentVerdicts"/>.
/// </summary>
public sealed record IncidentOutcome(
    string Incident,
    double SentAtSeconds,
    double? AcknowledgedAtSeconds,
    int SendAttempts,
    string? LastSendError,
    int StalledDeliveries,
    double? LatencyMs,
    string Verdict,
    IReadOnlyList<string> Faults);
