namespace PerfMonitor.AppHost.Services;

/// <summary>
/// Infrastructure the AppHost runs itself (the embedded PostgreSQL and Kafka) that must outlive the services: they
/// close their Kafka consumers and database sessions while shutting down, and a broker or database gone first makes
/// that wait for timeouts.
/// </summary>
public interface IStopsAfterServices
{
    Task StopAfterServicesAsync(CancellationToken cancellationToken);
}
