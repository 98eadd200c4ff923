namespace PerfMonitor.Alerting.Evaluation;

/// <summary>Where the states evaluation starts from are kept (PostgreSQL), so a restart neither forgets a firing alert nor fires it again.</summary>
public interface IStoredAlerts
{
    Task<IReadOnlyList<StoredAlert>> ListAsync(CancellationToken cancellationToken);
}
