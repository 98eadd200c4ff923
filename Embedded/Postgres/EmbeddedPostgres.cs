using Npgsql;

namespace PerfMonitor.Embedded.Postgres;

/// <summary>
/// A private PostgreSQL server on a loopback port, started with pg_ctl on a <see cref="PostgresCluster"/>: the
/// throwaway database of integration tests and benchmarks. (The AppHost runs the same cluster under DCP instead.)
/// The folder is kept: a second start reuses the cluster and its password.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const int MaxPortAttempts = 3;
    private readonly EmbeddedPostgresOptions options;
    private readonly PostgresCluster cluster;
    private bool running;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, PostgresCluster cluster, int port)
    {
        this.options = options;
        this.cluster = cluster;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => cluster.DataDirectory;

    public string ConnectionString => cluster.ConnectionString(Port);

    /// <summary>As a service role, after <see cref="ProvisionServiceRolesAsync"/>.</summary>
    public string ConnectionStringFor(string role) => cluster.ConnectionString(Port, role: role);

    /// <summary>Creates the per-service roles (<see cref="ServiceRoles"/>), each able to log in with its own password.</summary>
    public async Task ProvisionServiceRolesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ServiceRoles.ProvisionAsync(connection, cluster.RolePassword, cancellationToken);
    }

    public string LogFile => Path.Combine(cluster.DataDirectory, "postgres.log");

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        var cluster = new PostgresCluster(options.DataDirectory, options.Database);
        await cluster.PrepareAsync(_ => { }, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var server = new EmbeddedPostgres(options, cluster, options.Port == 0 ? FreePort.Next() : options.Port);
            try
            {
                await server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (options.Port == 0 && attempt < MaxPortAttempts)
            {
                // Another process took the free port between the probe and the bind; try another one.
            }
        }
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await cluster.PrepareAsync(_ => { }, cancellationToken);
        var settings = string.Join(' ', cluster.ServerSettings(options.MaxConnections, options.Durable).Select(s => $"-c {s.Key}='{s.Value}'"));
        await cluster.RunAsync("pg_ctl", ["-D", cluster.ClusterFolder, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {Port} {settings}", "start"], null, cancellationToken);
        running = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!running)
        {
            return;
        }
        await cluster.RunAsync("pg_ctl", ["-D", cluster.ClusterFolder, "-m", "fast", "-w", "-t", "60", "stop"], null, cancellationToken);
        running = false;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
