namespace PerfMonitor.Alerting.Acknowledgement;

public enum AcknowledgeStatus
{
    /// <summary>Acknowledged now, or already in this firing (the first acknowledgement stands).</summary>
    Acknowledged,
    NotFound,

    /// <summary>The alert does not fire (pending, resolved or inactive): there is nothing to acknowledge.</summary>
    NotFiring,

    /// <summary>A link's firing is over: the alert resolved, and may have fired again since.</summary>
    FiringEnded,
}
