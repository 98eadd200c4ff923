namespace PerfMonitor.Alerting.Reports;

/// <summary>Gathers, builds, renders and keeps one report, then hands it to every <see cref="IReportDelivery"/>.</summary>
public sealed class ReportGenerator(ReportSources sources, ReportStore store, IEnumerable<IReportDelivery> deliveries, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ReportOptions> options)
{
    /// <summary>The report kept, or null when another replica kept the same one first.</summary>
    public async Task<StoredReport?> GenerateAsync(ReportKind kind, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var inputs = await sources.GatherAsync(start, end, cancellationToken);
        var report = ReportBuilder.Build(kind, start, end, clock.GetUtcNow(), inputs, options.Value.SlowestRoutes);
        var stored = new StoredReport(Guid.NewGuid(), report, ReportHtml.Render(report), ReportSlack.Render(report).ToJsonString());
        if (!await store.AddAsync(stored, cancellationToken))
        {
            return null;
        }
        foreach (var delivery in deliveries)
        {
            await delivery.DeliverAsync(stored, cancellationToken);
        }
        return stored;
    }
}
