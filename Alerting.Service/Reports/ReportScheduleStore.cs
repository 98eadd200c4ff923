using Npgsql;

namespace PerfMonitor.Alerting.Reports;

/// <summary>perfmon.report_schedules: the receivers each kind of report goes to (none until a schedule names some).</summary>
public sealed class ReportScheduleStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<string>> ReceiversAsync(ReportKind kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT receivers FROM perfmon.report_schedules WHERE kind = $1");
        command.Parameters.AddWithValue(kind.ToWire());
        return await command.ExecuteScalarAsync(cancellationToken) is string[] receivers ? receivers : [];
    }

    public async Task SaveAsync(ReportKind kind, IReadOnlyList<string> receivers, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO perfmon.report_schedules (kind, receivers) VALUES ($1, $2)
            ON CONFLICT (kind) DO UPDATE SET receivers = excluded.receivers, updated_at = now()
            """);
        command.Parameters.AddWithValue(kind.ToWire());
        command.Parameters.AddWithValue(receivers.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
