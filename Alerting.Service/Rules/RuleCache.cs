using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Rules;

/// <summary>
/// The enabled rules the evaluator reads on every sample, without a database round trip. Refreshed on every
/// change made through this replica and periodically for changes made through others.
/// </summary>
public sealed partial class RuleCache(RuleStore store, IOptions<AlertingOptions> options, ILogger<RuleCache> logger) : BackgroundService
{
    private volatile IReadOnlyList<AlertRule> all = [];
    private volatile IReadOnlyList<AlertRule> enabled = [];
    private volatile Evaluation.MetricRuleIndex sampleRules = Evaluation.MetricRuleIndex.Empty;

    public IReadOnlyList<AlertRule> All => all;

    public IReadOnlyList<AlertRule> Enabled => enabled;

    /// <summary>The enabled threshold and absence rules by metric, which the sample path looks samples up in.</summary>
    public Evaluation.MetricRuleIndex SampleRules => sampleRules;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var loaded = await store.ListAsync(cancellationToken);
        all = loaded;
        enabled = loaded.Where(r => r.Enabled).ToList();
        sampleRules = new Evaluation.MetricRuleIndex(loaded);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RuleRefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogRefreshFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh alert rules; evaluating with the previous set")]
    private partial void LogRefreshFailed(Exception exception);
}
