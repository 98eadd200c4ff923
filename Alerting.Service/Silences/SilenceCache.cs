using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Silences;

/// <summary>The silences the notify pipeline mutes by on every change, refreshed on change and periodically for other replicas' changes.</summary>
public sealed partial class SilenceCache(SilenceStore store, IOptions<AlertingOptions> options, ILogger<SilenceCache> logger)
    : PeriodicRefresh<IReadOnlyList<Silence>>(options.Value.RuleRefreshInterval)
{
    private volatile IReadOnlyList<Silence> silences = [];

    public bool IsMuted(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) => silences.Any(s => s.Mutes(labels, now));

    protected override Task<IReadOnlyList<Silence>> ReadAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    protected override void Use(IReadOnlyList<Silence> read) => silences = read;

    protected override void RefreshFailed(Exception exception) => LogRefreshFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh silences; using the previous set")]
    private partial void LogRefreshFailed(Exception exception);
}
