using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Alerting.State;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>
/// Acknowledges a firing alert by its id (the fingerprint notifications carry): who, when and why, kept on the alert's row
/// for this firing. The first acknowledgement of a firing stands; a repeated one changes nothing. The row's version is not
/// touched, so the evaluator's compare-and-set is not disturbed.
/// </summary>
public sealed class AlertAcknowledger(NpgsqlDataSource dataSource, AlertLookup lookup, AlertQueries queries, AcknowledgedAlerts acknowledged, TimeProvider clock)
{
    /// <summary>A link's firing is the alert's firing when their start times agree within this (microseconds in PostgreSQL, ticks in .NET).</summary>
    private static readonly TimeSpan SameFiring = TimeSpan.FromMilliseconds(1);

    /// <param name="firing">For a signed link, the firing it was sent for; null acknowledges the current firing.</param>
    public async Task<AcknowledgeOutcome> AcknowledgeAsync(string alertId, string by, string? comment, DateTimeOffset? firing, CancellationToken cancellationToken)
    {
        if (await lookup.FindAsync(alertId, cancellationToken) is not var (ruleId, seriesId))
        {
            return new(AcknowledgeStatus.NotFound, null);
        }
        await using (var command = dataSource.CreateCommand("""
            UPDATE perfmon.alerts SET acknowledged_at = $3, acknowledged_by = $4, acknowledged_comment = $5
            WHERE rule_id = $1 AND series_id = $2 AND state = 'firing'
              AND ($6::timestamptz IS NULL OR fired_at BETWEEN $6::timestamptz - $7 AND $6::timestamptz + $7)
              AND (acknowledged_at IS NULL OR acknowledged_at < fired_at)
            """))
        {
            command.Parameters.AddWithValue(ruleId);
            command.Parameters.AddWithValue(seriesId);
            command.Parameters.AddWithValue(clock.GetUtcNow());
            command.Parameters.AddWithValue(by.Trim());
            command.Parameters.AddWithValue(NpgsqlDbType.Text, string.IsNullOrWhiteSpace(comment) ? DBNull.Value : comment.Trim());
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, firing is { } at ? at : DBNull.Value);
            command.Parameters.AddWithValue(SameFiring);
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                await acknowledged.RefreshAsync(cancellationToken);
            }
        }
        var view = await queries.GetAsync(ruleId, seriesId, cancellationToken);
        if (view is null)
        {
            return new(AcknowledgeStatus.NotFound, null);
        }
        if (firing is { } sent && (view.State != "firing" || view.FiredAt is not { } fired || (fired - sent).Duration() >= SameFiring))
        {
            return new(AcknowledgeStatus.FiringEnded, view);
        }
        return new(view.State == "firing" ? AcknowledgeStatus.Acknowledged : AcknowledgeStatus.NotFiring, view);
    }
}
