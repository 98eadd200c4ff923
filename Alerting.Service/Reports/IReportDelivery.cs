using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Who a new report goes to, as outbox rows: the generator writes them in the transaction that keeps the report, so a
/// kept report is sent exactly when it exists, and the outbox's delivery (guarded connector, per-host Polly pipeline,
/// retries, dead letters) sends them as it sends alert notifications.
/// </summary>
public interface IReportDelivery
{
    Task<IReadOnlyList<OutboxNotification>> NotificationsAsync(StoredReport report, CancellationToken cancellationToken);
}
