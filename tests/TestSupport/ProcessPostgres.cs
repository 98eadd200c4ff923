using Npgsql;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.TestSupport;

/// <summary>
/// The test process's one PostgreSQL cluster, started on first use: initdb and a server once per test process instead of
/// once per fixture. Each fixture gets a database of its own on it (<see cref="PostgresFixture"/>), empty or a copy of a
/// <see cref="DatabaseTemplate"/> made once. A watchdog (<see cref="ClusterWatchdog"/>) stops the server once the test
/// process has gone, however it ended.
/// </summary>
public static class ProcessPostgres
{
    private const string MaintenanceDatabase = "postgres";

    // initdb and the first start on a loaded machine; each command has its own 90 s limit inside.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // Many fixtures' hosts at once, each with its own pool.
    private const int MaxConnections = 500;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> Templates = new(StringComparer.Ordinal);
    private static EmbeddedPostgres? server;

    /// <summary>
    /// Creates a database, empty or as a copy of <paramref name="template"/> (made on first use), and returns the
    /// superuser's connection string to it.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string database, DatabaseTemplate? template = null)
    {
        // One at a time: CREATE DATABASE copies its template and refuses while another session is inside it.
        await Gate.WaitAsync();
        try
        {
            server ??= await StartAsync();
            if (template is not null && !Templates.Contains(template.Name))
            {
                await PrepareAsync(server, template);
                Templates.Add(template.Name);
            }
            var copy = template is null ? "" : $" TEMPLATE \"{template.Name}\"";
            await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"{copy}");
            return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task PrepareAsync(EmbeddedPostgres on, DatabaseTemplate template)
    {
        // A template left half made by a preparation that failed: start over.
        await ExecuteAsync(on, $"DROP DATABASE IF EXISTS \"{template.Name}\" WITH (FORCE)");
        await ExecuteAsync(on, $"CREATE DATABASE \"{template.Name}\"");
        // Without pooling no session stays in the template, which a copy would wait for and then refuse.
        var connectionString = new NpgsqlConnectionStringBuilder(on.ConnectionString) { Database = template.Name, Pooling = false }.ConnectionString;
        using var timeout = new CancellationTokenSource(StartTimeout);
        await template.PrepareAsync(connectionString, timeout.Token);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending the sessions still connected to it.</summary>
    public static async Task DropDatabaseAsync(string database)
    {
        if (server is { } running)
        {
            await ExecuteAsync(running, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"perfmon-pg-process-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var options = new EmbeddedPostgresOptions(Path.Combine(folder, "postgres")) { Durable = false, MaxConnections = MaxConnections };
        Directory.CreateDirectory(folder);
        // Watching before the server exists: a test process killed during the start leaves nothing behind either.
        ClusterWatchdog.Start(new PostgresCluster(options.DataDirectory, options.Database), folder);
        using var timeout = new CancellationTokenSource(StartTimeout);
        return await EmbeddedPostgres.StartAsync(options, timeout.Token);
    }

    private static async Task ExecuteAsync(EmbeddedPostgres on, string sql)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(on.ConnectionString) { Database = MaintenanceDatabase, Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
