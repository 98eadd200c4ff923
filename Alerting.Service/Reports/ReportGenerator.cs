using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// Gathers, builds, renders and keeps one report, with the outbox rows that send it to its schedule's receivers in the
/// same transaction; then wakes delivery.
/// </summary>
public sealed class ReportGenerator(ReportSources sources, ReportStore store, IReportDelivery delivery, IOutboxSignal outbox, TimeProvider clock, IOptions<ReportOptions> options)
{
    /// <summary>The report kept, or null when another replica kept the same one first (and so sends it).</summary>
    public async Task<StoredReport?> GenerateAsync(ReportKind kind, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var inputs = await sources.GatherAsync(start, end, cancellationToken);
        var report = ReportBuilder.Build(kind, start, end, clock.GetUtcNow(), inputs, options.Value.SlowestRoutes);
        var stored = new StoredReport(Guid.NewGuid(), report, ReportHtml.Render(report), ReportSlack.Render(report).ToJsonString());
        var notifications = await delivery.NotificationsAsync(stored, cancellationToken);
        if (!await store.AddAsync(stored, notifications, cancellationToken))
        {
            return null;
        }
        if (notifications.Count > 0)
        {
            outbox.Wake();
        }
        return stored;
    }
}
