using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>
/// The firing alerts acknowledged in their current firing, for the notify pipeline's repeat decision on rules with a
/// webhook of their own (routed alerts are read with their acknowledgement by the group round). Refreshed after an
/// acknowledgement through this replica and periodically for other replicas'.
/// </summary>
public sealed partial class AcknowledgedAlerts(NpgsqlDataSource dataSource, IOptions<AlertingOptions> options, ILogger<AcknowledgedAlerts> logger)
    : PeriodicRefresh<IReadOnlyDictionary<(Guid RuleId, long SeriesId), DateTimeOffset>>(options.Value.RuleRefreshInterval), IAcknowledgedFirings
{
    private static readonly TimeSpan SameFiring = TimeSpan.FromMilliseconds(1);

    private volatile IReadOnlyDictionary<(Guid RuleId, long SeriesId), DateTimeOffset> firings = new Dictionary<(Guid, long), DateTimeOffset>();

    public bool Holds(AlertInstance instance) =>
        instance.State == AlertState.Firing && instance.FiredAt is { } fired
        && firings.TryGetValue((instance.Rule.Id, instance.SeriesId), out var acknowledged) && (acknowledged - fired).Duration() < SameFiring;

    protected override async Task<IReadOnlyDictionary<(Guid RuleId, long SeriesId), DateTimeOffset>> ReadAsync(CancellationToken cancellationToken)
    {
        var read = new Dictionary<(Guid RuleId, long SeriesId), DateTimeOffset>();
        await using var command = dataSource.CreateCommand("SELECT rule_id, series_id, fired_at FROM perfmon.alerts WHERE state = 'firing' AND acknowledged_at >= fired_at");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read[(reader.GetGuid(0), reader.GetInt64(1))] = reader.GetFieldValue<DateTimeOffset>(2);
        }
        return read;
    }

    protected override void Use(IReadOnlyDictionary<(Guid RuleId, long SeriesId), DateTimeOffset> read) => firings = read;

    protected override void RefreshFailed(Exception exception) => LogRefreshFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh acknowledged alerts; using the previous set")]
    private partial void LogRefreshFailed(Exception exception);
}
