using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Silences;

public sealed class SilenceStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<Silence>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, matchers, starts_at, ends_at, created_by, comment, created_at FROM perfmon.silences ORDER BY created_at DESC");
        var silences = new List<Silence>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var matchers = JsonSerializer.Deserialize<List<LabelMatcherRequest>>(reader.GetString(1), JsonSerializerOptions.Web) ?? [];
            silences.Add(new Silence(reader.GetGuid(0), [.. matchers.Select(m => new LabelMatcher(m.Name!, m.Op!, m.Value!))],
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return silences;
    }

    public async Task AddAsync(Silence silence, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO perfmon.silences (id, matchers, starts_at, ends_at, created_by, comment) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.AddWithValue(silence.Id);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(silence.Matchers.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value)), JsonSerializerOptions.Web));
        command.Parameters.AddWithValue(silence.StartsAt.UtcDateTime);
        command.Parameters.AddWithValue(silence.EndsAt.UtcDateTime);
        command.Parameters.AddWithValue(silence.CreatedBy);
        command.Parameters.AddWithValue(silence.Comment);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends a silence now (kept for the record); false when there is no such silence or it already ended.</summary>
    public async Task<bool> ExpireAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE perfmon.silences SET ends_at = now(), starts_at = least(starts_at, now()) WHERE id = $1 AND ends_at > now()");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM perfmon.silences WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
