using PerfMonitor.Alerting.State;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>What an acknowledgement did, with the alert as it stands after it (null when there is no such alert).</summary>
public sealed record AcknowledgeOutcome(AcknowledgeStatus Status, AlertView? Alert);
