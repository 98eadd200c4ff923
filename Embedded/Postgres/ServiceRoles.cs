using Npgsql;

namespace PerfMonitor.Embedded.Postgres;

/// <summary>
/// One PostgreSQL role per service, each with only the rights it needs (service-roles.sql, shared with the Kubernetes
/// deployment): analytics and alerting own and migrate their own tables, the collector reads statistics and offsets.
/// </summary>
public static class ServiceRoles
{
    public const string Analytics = "perfmon_analytics";
    public const string Alerting = "perfmon_alerting";
    public const string Collector = "perfmon_collector";

    private const string SqlResource = "service-roles.sql";

    public static IReadOnlyList<string> All { get; } = [Analytics, Alerting, Collector];

    public static string Sql => field ??= LoadSql();

    /// <summary>
    /// Runs service-roles.sql over a superuser's <paramref name="connection"/>, then lets each role log in with
    /// the password <paramref name="passwordOf"/> gives it. Safe to repeat: a changed password file takes effect.
    /// </summary>
    public static async Task ProvisionAsync(NpgsqlConnection connection, Func<string, string> passwordOf, CancellationToken cancellationToken)
    {
        await using (var provision = new NpgsqlCommand(Sql, connection))
        {
            await provision.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var role in All)
        {
            // format() quotes on the server: ALTER ROLE takes no parameters.
            string alter;
            await using (var quote = new NpgsqlCommand("SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text)", connection))
            {
                quote.Parameters.AddWithValue(role);
                quote.Parameters.AddWithValue(passwordOf(role));
                alter = (string)(await quote.ExecuteScalarAsync(cancellationToken))!;
            }
            await using var command = new NpgsqlCommand(alter, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string LoadSql()
    {
        using var stream = typeof(ServiceRoles).Assembly.GetManifestResourceStream(SqlResource)
            ?? throw new InvalidOperationException($"{SqlResource} is not embedded in {typeof(ServiceRoles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
