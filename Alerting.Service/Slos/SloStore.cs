using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Slos;

/// <summary>SLOs in PostgreSQL, and which rules each one owns.</summary>
public sealed class SloStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, service, objective, window_seconds, indicator, description";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public async Task<IReadOnlyList<Slo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.slos ORDER BY name");
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Slo?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.slos WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Whether another SLO already has this name (names label the alerts, so they are unique).</summary>
    public async Task<bool> NameTakenAsync(string name, Guid except, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM perfmon.slos WHERE name = $1 AND id <> $2)");
        command.Parameters.AddWithValue(name);
        command.Parameters.AddWithValue(except);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task SaveAsync(Slo slo, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO perfmon.slos ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, service = excluded.service, objective = excluded.objective,
                window_seconds = excluded.window_seconds, indicator = excluded.indicator, description = excluded.description, updated_at = now()
            """);
        var p = command.Parameters;
        p.AddWithValue(slo.Id);
        p.AddWithValue(slo.Name);
        p.AddWithValue(slo.Service);
        p.AddWithValue(slo.Objective);
        p.AddWithValue((int)slo.Window.TotalSeconds);
        p.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(slo.Indicator, Json));
        p.AddWithValue(slo.Description);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the SLO and the rules it owns (their alerts go with them).</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH owned AS (DELETE FROM perfmon.slo_rules WHERE slo_id = $1 RETURNING rule_id),
                 rules AS (DELETE FROM perfmon.alert_rules WHERE id IN (SELECT rule_id FROM owned))
            DELETE FROM perfmon.slos WHERE id = $1
            """);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records that the SLO owns the rule, so hand edits of it are refused.</summary>
    public async Task OwnAsync(Guid sloId, Guid ruleId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO perfmon.slo_rules (rule_id, slo_id) VALUES ($1, $2) ON CONFLICT (rule_id) DO NOTHING");
        command.Parameters.AddWithValue(ruleId);
        command.Parameters.AddWithValue(sloId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The SLO that owns the rule, or null for a rule made by hand.</summary>
    public async Task<(Guid Id, string Name)?> OwnerOfAsync(Guid ruleId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT s.id, s.name FROM perfmon.slo_rules r JOIN perfmon.slos s ON s.id = r.slo_id WHERE r.rule_id = $1");
        command.Parameters.AddWithValue(ruleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetString(1)) : null;
    }

    private static async Task<IReadOnlyList<Slo>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var slos = new List<Slo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slos.Add(new Slo(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), TimeSpan.FromSeconds(reader.GetInt32(4)),
                JsonSerializer.Deserialize<SloIndicator>(reader.GetString(5), Json) ?? throw new InvalidDataException($"SLO {reader.GetGuid(0)} has no indicator"),
                reader.GetString(6)));
        }
        return slos;
    }
}
