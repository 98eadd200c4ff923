using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Alerting.Notify;

namespace PerfMonitor.Alerting.Reports;

/// <summary>Reports in PostgreSQL, newest first.</summary>
public sealed class ReportStore(NpgsqlDataSource dataSource)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    /// <summary>
    /// Keeps the report, and the outbox rows that send it, in one transaction, unless one of its kind already covers the
    /// same period end; false then, and nothing is written.
    /// </summary>
    public async Task<bool> AddAsync(StoredReport stored, IReadOnlyList<OutboxNotification> notifications, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO perfmon.reports (id, kind, period_start, period_end, generated_at, summary, html, slack)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, period_end) DO NOTHING
            """, connection, transaction);
        var report = stored.Report;
        var p = command.Parameters;
        p.AddWithValue(stored.Id);
        p.AddWithValue(report.Kind.ToWire());
        p.AddWithValue(report.PeriodStart);
        p.AddWithValue(report.PeriodEnd);
        p.AddWithValue(report.GeneratedAt);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(report, Json));
        p.AddWithValue(stored.Html);
        p.AddWithValue(NpgsqlDbType.Jsonb, stored.SlackJson);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }
        await OutboxInsert.InsertAllAsync(connection, transaction, notifications, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> ExistsAsync(ReportKind kind, DateTimeOffset periodEnd, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM perfmon.reports WHERE kind = $1 AND period_end = $2)");
        command.Parameters.AddWithValue(kind.ToWire());
        command.Parameters.AddWithValue(periodEnd);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<ReportSummaryView>> ListAsync(ReportKind? kind, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, summary FROM perfmon.reports WHERE ($1::text IS NULL OR kind = $1) ORDER BY period_end DESC, generated_at DESC LIMIT $2
            """);
        command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)kind?.ToWire() ?? DBNull.Value);
        command.Parameters.AddWithValue(limit);
        var list = new List<ReportSummaryView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var report = Read(reader.GetString(1));
            list.Add(new ReportSummaryView(reader.GetGuid(0), report.Kind.ToWire(), report.PeriodStart, report.PeriodEnd, report.GeneratedAt, ReportText.Title(report)));
        }
        return list;
    }

    public async Task<StoredReport?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT summary, html, slack FROM perfmon.reports WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredReport(id, Read(reader.GetString(0)), reader.GetString(1), reader.GetString(2)) : null;
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM perfmon.reports WHERE period_end < $1");
        command.Parameters.AddWithValue(cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Report Read(string json) => JsonSerializer.Deserialize<Report>(json, Json) ?? throw new InvalidDataException("a stored report has no summary");
}
