using Npgsql;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// The times alerts started firing in a period, from <c>perfmon.alert_history</c>, each with the first resolution of the
/// same alert after it (its time to resolve).
/// </summary>
public sealed class AlertFirings(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<AlertFiring>> ListAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT r.name, r.severity, h.at,
                   (SELECT min(x.at) FROM perfmon.alert_history x
                    WHERE x.rule_id = h.rule_id AND x.series_id = h.series_id AND x.to_state = 'resolved' AND x.at >= h.at)
            FROM perfmon.alert_history h JOIN perfmon.alert_rules r ON r.id = h.rule_id
            WHERE h.to_state = 'firing' AND h.from_state <> 'firing' AND h.at >= $1 AND h.at < $2
            ORDER BY h.at
            """);
        command.Parameters.AddWithValue(start);
        command.Parameters.AddWithValue(end);
        var firings = new List<AlertFiring>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            firings.Add(new AlertFiring(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return firings;
    }
}
