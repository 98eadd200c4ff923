using System.Security.Cryptography;
using Npgsql;
using PerfMonitor.Hosting.Processes;

namespace PerfMonitor.Hosting.Postgres;

/// <summary>
/// A private PostgreSQL cluster in a data folder, on a loopback port, started from the server binaries on this
/// machine. PostgreSQL refuses to run as root, so as root every server command runs as the postgres user on a
/// folder that user owns. The folder is kept: a second start reuses the cluster and its password.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const int MaxPortAttempts = 3;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly EmbeddedPostgresOptions options;
    private readonly string clusterFolder;
    private readonly string password;
    private bool running;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, string password, int port)
    {
        this.options = options;
        this.password = password;
        clusterFolder = Path.Combine(options.DataDirectory, "pgdata");
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => options.DataDirectory;

    public string ConnectionString => BuildConnectionString(options.Database);

    public string LogFile => Path.Combine(options.DataDirectory, "postgres.log");

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var passwordFile = Path.Combine(options.DataDirectory, "password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        for (var attempt = 1; ; attempt++)
        {
            var server = new EmbeddedPostgres(options, password, options.Port == 0 ? FreePort.Next() : options.Port);
            await server.InitializeAsync(passwordFile, cancellationToken);
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (InvalidOperationException) when (options.Port == 0 && attempt < MaxPortAttempts)
            {
                // Another process took the free port between the probe and the bind; try another one.
                continue;
            }
            await server.CreateDatabaseAsync(cancellationToken);
            return server;
        }
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StopStaleServerAsync(cancellationToken);
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{clusterFolder}' -c max_connections={options.MaxConnections}";
        if (!options.Durable)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }
        await RunServerCommandAsync("pg_ctl", ["-D", clusterFolder, "-l", LogFile, "-w", "-t", "60", "-o", settings, "start"], cancellationToken);
        running = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!running)
        {
            return;
        }
        await RunServerCommandAsync("pg_ctl", ["-D", clusterFolder, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);
        running = false;
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private string BuildConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Password = password,
        Database = database,
    }.ConnectionString;

    private async Task InitializeAsync(string passwordFile, CancellationToken cancellationToken)
    {
        if (UnixProcess.IsRoot)
        {
            await CommandRunner.RunAsync("chown", ["-R", $"{ServiceUser}:", options.DataDirectory], CommandTimeout, cancellationToken);
        }
        if (File.Exists(Path.Combine(clusterFolder, "PG_VERSION")))
        {
            return;
        }
        await RunServerCommandAsync("initdb", ["-D", clusterFolder, "-U", ServiceUser, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "--encoding=UTF8", "--no-locale", "--no-sync"], cancellationToken);
    }

    /// <summary>A server left behind by a killed host still holds the folder; stop it so this one can start.</summary>
    private async Task StopStaleServerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(clusterFolder, "postmaster.pid")))
        {
            return;
        }
        var (status, _) = await RunAsServiceUserAsync("pg_ctl", ["-D", clusterFolder, "status"], cancellationToken);
        if (status == 0)
        {
            await RunServerCommandAsync("pg_ctl", ["-D", clusterFolder, "-m", "fast", "-w", "stop"], cancellationToken);
        }
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(BuildConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(options.Database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{options.Database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task RunServerCommandAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsServiceUserAsync(program, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {exitCode}: {output}");
        }
    }

    private Task<(int ExitCode, string Output)> RunAsServiceUserAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var binary = PostgresBinaries.Find(program);
        return UnixProcess.IsRoot
            ? CommandRunner.RunAsync("runuser", ["-u", ServiceUser, "--", binary, .. arguments], CommandTimeout, cancellationToken)
            : CommandRunner.RunAsync(binary, arguments, CommandTimeout, cancellationToken);
    }
}
