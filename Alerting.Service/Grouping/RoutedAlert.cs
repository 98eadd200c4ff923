namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// A stored alert as the group dispatcher sees it: its member view, whether it fires, is silenced, or is routed by the tree
/// (its rule names no webhook of its own), and the inhibition last written for it.
/// </summary>
public sealed record RoutedAlert(GroupMember Member, bool Firing, bool Silenced, bool Routed, string? InhibitedBy)
{
    /// <summary>Whether someone acknowledged this firing: its group sends no reminders for it, and it does not escalate.</summary>
    public bool Acknowledged { get; init; }
}
