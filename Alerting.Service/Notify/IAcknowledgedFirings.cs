using PerfMonitor.Alerting.Evaluation;

namespace PerfMonitor.Alerting.Notify;

/// <summary>Which firings someone acknowledged: the dedup decision sends them no reminders.</summary>
public interface IAcknowledgedFirings
{
    /// <summary>Whether the instance's current firing was acknowledged.</summary>
    bool Holds(AlertInstance instance);
}
