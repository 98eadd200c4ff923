using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// The enabled rules the evaluator reads on every sample, without a database round trip. Refreshed on every
/// change made through this replica and periodically for changes made through others.
/// </summary>
public sealed partial class RuleCache(RuleStore store, IOptions<AlertingOptions> options, ILogger<RuleCache> logger)
    : PeriodicRefresh<IReadOnlyList<AlertRule>>(options.Value.RuleRefreshInterval)
{
    private volatile RuleSet current = RuleSet.Empty;

    /// <summary>The rules as last read; a new set after every refresh, so a reader can tell that they were read again.</summary>
    public RuleSet Current => current;

    public IReadOnlyList<AlertRule> All => current.All;

    public IReadOnlyList<AlertRule> Enabled => current.Enabled;

    protected override Task<IReadOnlyList<AlertRule>> ReadAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    protected override void Use(IReadOnlyList<AlertRule> read) => current = new RuleSet(read);

    protected override void RefreshFailed(Exception exception) => LogRefreshFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh alert rules; evaluating with the previous set")]
    private partial void LogRefreshFailed(Exception exception);
}
