namespace PerfMonitor.Alerting.Notify;

/// <summary>Why a notification is sent; its wire name is the payload's "event" and the X-PerfMonitor-Event header.</summary>
public enum AlertEventKind
{
    Firing,
    Resolved,

    /// <summary>A reminder that an alert still fires (the rule's repeat interval passed).</summary>
    Repeat,

    /// <summary>Sent on request to try a rule's receiver.</summary>
    Test,
}
