using Npgsql;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>
/// Finds an alert instance by its id, the fingerprint of its rule and series that notifications carry. Only instances that
/// are not inactive are looked at: an inactive one has nothing to acknowledge.
/// </summary>
public sealed class AlertLookup(NpgsqlDataSource dataSource)
{
    public async Task<(Guid RuleId, long SeriesId)?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT rule_id, series_id FROM perfmon.alerts WHERE state <> 'inactive'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (ruleId, seriesId) = (reader.GetGuid(0), reader.GetInt64(1));
            if (string.Equals(PayloadBuilder.Fingerprint(ruleId, seriesId), alertId, StringComparison.OrdinalIgnoreCase))
            {
                return (ruleId, seriesId);
            }
        }
        return null;
    }
}
