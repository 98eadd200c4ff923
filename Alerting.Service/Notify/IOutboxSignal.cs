namespace PerfMonitor.Alerting.Notify;

/// <summary>Told when rows were added to the outbox, so delivery starts a round now rather than at its next poll.</summary>
public interface IOutboxSignal
{
    void Wake();
}
