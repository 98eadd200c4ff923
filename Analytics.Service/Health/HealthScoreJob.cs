using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Contracts.Events;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Analytics.Health;

/// <summary>
/// Every interval: scores the services, stores the scores as history ("*" is the system-wide performance score) and
/// publishes HealthStatusChanged when a band changes. One replica per round (a transaction-scoped advisory lock).
/// </summary>
public sealed partial class HealthScoreJob(
    NpgsqlDataSource dataSource,
    HealthScorer scorer,
    EventPublisher events,
    TimeProvider clock,
    IOptions<HealthOptions> options,
    ILogger<HealthScoreJob> logger) : PeriodicJob(clock)
{
    /// <summary>
    /// The latest stored status of each service, to publish only changes. DISTINCT ON read and sorted the whole history
    /// every round (1 s at 7 days); this walks the (service, time) key instead: one probe per service for the next
    /// service name and one for its newest row.
    /// </summary>
    public const string LastStatusSql = """
        WITH RECURSIVE services AS (
            SELECT min(service) AS service FROM perfmon.health_scores
            UNION ALL
            SELECT (SELECT min(h.service) FROM perfmon.health_scores h WHERE h.service > s.service) FROM services s WHERE s.service IS NOT NULL)
        SELECT s.service, latest.status FROM services s
        CROSS JOIN LATERAL (SELECT h.status FROM perfmon.health_scores h WHERE h.service = s.service ORDER BY h.time DESC LIMIT 1) latest
        WHERE s.service IS NOT NULL
        """;

    public const string SystemService = "*";

    private const long LockKey = 0x5045_5246_4845_414C; // "PERFHEAL"

    protected override string JobName => "health-scores";

    /// <summary>The first round waits an interval: scores of a service that just started say nothing yet.</summary>
    protected override JobSchedule Schedule => JobSchedule.Every(options.Value.Interval) with { RunAtStart = false };

    protected override async Task RunJobAsync(CancellationToken cancellationToken) => await RunOnceAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    public async Task<IReadOnlyList<HealthStatusChanged>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var changes = new List<HealthStatusChanged>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection))
            {
                lockCommand.Parameters.AddWithValue(LockKey);
                if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
                {
                    return [];
                }
            }
            var previous = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var last = new NpgsqlCommand(LastStatusSql, connection))
            await using (var reader = await last.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    previous[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var scores = await scorer.ComputeAsync(now, null, cancellationToken);
            var rows = scores.Services.Select(s => (Service: s.Service, Score: s.Score, Status: s.Status, Components: HealthScorer.ToJson(s.Components), Recommendations: s.Recommendations))
                .Append((Service: SystemService, Score: scores.PerformanceScore, Status: scores.Status, Components: "[]", Recommendations: (IReadOnlyList<string>)scores.Recommendations))
                .ToList();
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO perfmon.health_scores (service, time, score, status, components, recommendations)
                SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::text[], $5::jsonb[], $6::jsonb[]) ON CONFLICT DO NOTHING
                """, connection))
            {
                insert.Parameters.AddWithValue(rows.Select(r => r.Service).ToArray());
                insert.Parameters.AddWithValue(rows.Select(_ => now.UtcDateTime).ToArray());
                insert.Parameters.AddWithValue(rows.Select(r => r.Score).ToArray());
                insert.Parameters.AddWithValue(rows.Select(r => r.Status).ToArray());
                insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Components).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb });
                insert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => HealthScorer.ToJson(r.Recommendations)).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var row in rows)
            {
                var before = previous.GetValueOrDefault(row.Service);
                if (before != row.Status)
                {
                    changes.Add(new HealthStatusChanged(Guid.NewGuid(), now, row.Service, before, row.Status, row.Score, row.Recommendations));
                }
            }
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: a change is published once it is history, never for a round that rolled back.
        foreach (var change in changes)
        {
            await events.PublishAsync(change.Service, change, cancellationToken);
            LogChanged(change.Service, change.PreviousStatus ?? "none", change.Status, change.Score);
        }
        return changes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health of {Service} changed from {Previous} to {Status} ({Score})")]
    private partial void LogChanged(string service, string previous, string status, double score);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health scoring failed; retrying next round")]
    private partial void LogFailed(Exception exception);
}
