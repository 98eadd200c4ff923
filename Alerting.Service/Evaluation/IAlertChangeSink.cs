namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// The stage after evaluation (the notify pipeline, then the commit). Evaluation knows only this: it hands over each
/// change as it happens and asks for a flush at the end of each batch, all under the engine's gate, one call at a time.
/// </summary>
public interface IAlertChangeSink
{
    /// <summary>Before evaluation (re)starts from stored state: load what the stage decides by, drop anything half-done.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    void Changed(in AlertChange change);

    /// <summary>The end of one evaluated batch: everything it changed is written, in one transaction.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
