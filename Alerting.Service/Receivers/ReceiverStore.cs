using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PerfMonitor.Alerting.Receivers;

/// <summary>Receivers in PostgreSQL, their secrets encrypted; every replica reads them from here when it sends.</summary>
public sealed class ReceiverStore(NpgsqlDataSource dataSource, ReceiverSecretProtector secrets)
{
    private const string Columns = "name, kind, url, secret, email, send_resolved, title_template, body_template";

    public async Task<IReadOnlyList<Receiver>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.receivers ORDER BY name");
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Receiver?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM perfmon.receivers WHERE name = $1");
        command.Parameters.AddWithValue(name);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlySet<string>> NamesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Inserts the receiver, or replaces it when <paramref name="replace"/>; false when that finds no row, or a new name is taken.</summary>
    public async Task<bool> SaveAsync(Receiver receiver, bool replace, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(replace
            ? "UPDATE perfmon.receivers SET kind = $2, url = $3, secret = $4, email = $5, send_resolved = $6, title_template = $7, body_template = $8, updated_at = now() WHERE name = $1"
            : $"INSERT INTO perfmon.receivers ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING");
        var p = command.Parameters;
        p.AddWithValue(receiver.Name);
        p.AddWithValue(receiver.Kind.ToWire());
        p.AddWithValue(receiver.Url);
        p.AddWithValue(NpgsqlDbType.Text, receiver.Secret is { } secret ? secrets.Protect(secret) : DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Jsonb, receiver.Email is { } email ? JsonSerializer.Serialize(email, JsonSerializerOptions.Web) : DBNull.Value);
        p.AddWithValue(receiver.SendResolved);
        p.AddWithValue(NpgsqlDbType.Text, (object?)NullIfEmpty(receiver.Templates?.Title) ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)NullIfEmpty(receiver.Templates?.Body) ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM perfmon.receivers WHERE name = $1");
        command.Parameters.AddWithValue(name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<Receiver>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var receivers = new List<Receiver>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            receivers.Add(new Receiver(
                name,
                WireName<ReceiverKind>.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : secrets.Unprotect(name, reader.GetString(3)),
                reader.IsDBNull(4) ? null : JsonSerializer.Deserialize<EmailSettings>(reader.GetString(4), JsonSerializerOptions.Web),
                reader.GetBoolean(5))
            {
                Templates = reader.IsDBNull(6) && reader.IsDBNull(7) ? null
                    : new ReceiverTemplates(reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)),
            });
        }
        return receivers;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
