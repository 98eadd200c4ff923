using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Reports;

/// <summary>A report goes to the receivers its kind's schedule names, each rendered for its kind.</summary>
public sealed partial class ReceiverReportDelivery(ReportScheduleStore schedules, ReceiverStore receivers, ReportPayloads payloads, ILogger<ReceiverReportDelivery> logger)
    : IReportDelivery
{
    public async Task<IReadOnlyList<OutboxNotification>> NotificationsAsync(StoredReport report, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxNotification>();
        foreach (var name in await schedules.ReceiversAsync(report.Report.Kind, cancellationToken))
        {
            // A receiver deleted, or changed to a kind that takes no report, since the schedule was saved: skipped, and said.
            if (await receivers.GetAsync(name, cancellationToken) is not { } receiver || payloads.Render(report, receiver) is not { } row)
            {
                LogSkipped(report.Id, name);
                continue;
            }
            rows.Add(row);
        }
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ReportId} is not sent to {Receiver}: no such receiver, or its kind takes no reports")]
    private partial void LogSkipped(Guid reportId, string receiver);
}
