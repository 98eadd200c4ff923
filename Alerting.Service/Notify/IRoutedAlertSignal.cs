namespace PerfMonitor.Alerting.Notify;

/// <summary>Tells the group dispatcher that alerts of routed rules (rules with no webhook of their own) changed and were committed.</summary>
public interface IRoutedAlertSignal
{
    void Wake();
}
