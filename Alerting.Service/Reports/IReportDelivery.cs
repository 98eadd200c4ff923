namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Sends a kept report to people: the seam the receivers work implements (e-mail with <see cref="StoredReport.Html"/>,
/// Slack with <see cref="StoredReport.SlackJson"/>). Every registered implementation gets each new report once, from the
/// replica that kept it; with none registered, reports are kept and shown in the dashboard only.
/// </summary>
public interface IReportDelivery
{
    Task DeliverAsync(StoredReport report, CancellationToken cancellationToken);
}
