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

    /// <summary>The kinds of report whose schedule names <paramref name="receiver"/>, as stored (daily, weekly).</summary>
    public async Task<IReadOnlyList<string>> KindsSendingToAsync(string receiver, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT kind FROM perfmon.report_schedules WHERE $1 = ANY(receivers) ORDER BY kind");
        command.Parameters.AddWithValue(receiver);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var kinds = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            kinds.Add(reader.GetString(0));
        }
        return kinds;
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
