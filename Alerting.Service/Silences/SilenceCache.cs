using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Silences;

/// <summary>The silences the evaluator checks on every transition, refreshed on change and periodically for other replicas' changes.</summary>
public sealed partial class SilenceCache(SilenceStore store, IOptions<AlertingOptions> options, ILogger<SilenceCache> logger) : BackgroundService
{
    private volatile IReadOnlyList<Silence> silences = [];

    public bool IsMuted(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) => silences.Any(s => s.Mutes(labels, now));

    public async Task RefreshAsync(CancellationToken cancellationToken) => silences = await store.ListAsync(cancellationToken);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh silences; using the previous set")]
    private partial void LogRefreshFailed(Exception exception);
}
