using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using PerfMonitor.Embedded.Processes;

namespace PerfMonitor.Embedded.Postgres;

/// <summary>
/// A PostgreSQL cluster kept in a data folder: its password, the cluster created once with its database, and the
/// settings every server on it runs with. DCP runs the server for the AppHost; pg_ctl runs it for tests and
/// benchmarks (<see cref="EmbeddedPostgres"/>). PostgreSQL refuses to run as root, so as root every server program
/// runs as the postgres user, through setpriv, which execs: the process started is the program itself.
/// </summary>
public sealed class PostgresCluster(string dataDirectory, string database)
{
    public const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public string ClusterFolder => Path.Combine(DataDirectory, "pgdata");

    public string Database { get; } = database;

    public string PasswordFile => Path.Combine(DataDirectory, "password");

    /// <summary>Created on first use and kept, readable by its owner only, so every later run reuses the cluster.</summary>
    public string Password => field ??= LoadOrCreatePassword(PasswordFile);

    /// <summary>A service role's password (<see cref="ServiceRoles"/>), created on first use beside the cluster's own.</summary>
    public string RolePassword(string role) => LoadOrCreatePassword(Path.Combine(DataDirectory, "roles", role));

    /// <summary>As the superuser, or as <paramref name="role"/> with its own password.</summary>
    public string ConnectionString(int port, string? database = null, string? role = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = role ?? ServiceUser,
        Password = role is null ? Password : RolePassword(role),
        Database = database ?? Database,
    }.ConnectionString;

    /// <summary>The server's settings as <c>-c name=value</c> pairs; throwaway test clusters trade crash safety for speed.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerSettings(int maxConnections, bool durable)
    {
        List<KeyValuePair<string, string>> settings =
        [
            new("listen_addresses", "127.0.0.1"),
            new("unix_socket_directories", ClusterFolder),
            new("max_connections", maxConnections.ToString(CultureInfo.InvariantCulture)),
        ];
        if (!durable)
        {
            settings.AddRange([new("fsync", "off"), new("synchronous_commit", "off"), new("full_page_writes", "off")]);
        }
        return settings;
    }

    /// <summary>How to start a PostgreSQL program: itself, or through setpriv as the postgres user when root.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) AsServiceUser(string program, IEnumerable<string> arguments)
    {
        var binary = PostgresBinaries.Find(program);
        return UnixProcess.IsRoot
            ? ("setpriv", [$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", binary, .. arguments])
            : (binary, [.. arguments]);
    }

    /// <summary>
    /// Makes the folder ready for a server: owned by the postgres user when root, a server left behind by a killed
    /// host stopped, and on first use the cluster and its database created (before any server listens).
    /// </summary>
    public async Task PrepareAsync(Action<string> log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        _ = Password;
        if (UnixProcess.IsRoot)
        {
            await CommandRunner.RunAsync("chown", ["-R", $"{ServiceUser}:", DataDirectory], CommandTimeout, cancellationToken);
        }
        await StopStaleServerAsync(log, cancellationToken);
        if (File.Exists(Path.Combine(ClusterFolder, "PG_VERSION")))
        {
            return;
        }
        log($"initdb into {ClusterFolder}");
        await RunAsync("initdb", ["-D", ClusterFolder, "-U", ServiceUser, "--auth=scram-sha-256", $"--pwfile={PasswordFile}",
            "--encoding=UTF8", "--no-locale", "--no-sync"], null, cancellationToken);
        await RunAsync("postgres", ["--single", "-D", ClusterFolder, "postgres"], $"CREATE DATABASE \"{Database}\";\n", cancellationToken);
    }

    /// <summary>The postmaster's PID from its lock file, while one runs on this folder.</summary>
    public int? PostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(ClusterFolder, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// SIGINT is PostgreSQL's fast shutdown: it ends client sessions and exits cleanly. SIGTERM (what DCP sends) is
    /// the smart shutdown, which waits for every client to leave and so is often cut short by a SIGKILL.
    /// </summary>
    public bool FastShutdown() => PostmasterPid() is { } pid && UnixProcess.Signal(pid, UnixProcess.SigInt);

    public async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, string? input, CancellationToken cancellationToken, bool check = true)
    {
        var (fileName, args) = AsServiceUser(program, arguments);
        var (exitCode, output) = await CommandRunner.RunAsync(fileName, args, CommandTimeout, cancellationToken, input);
        if (check && exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {exitCode}: {output}");
        }
        return (exitCode, output);
    }

    private async Task StopStaleServerAsync(Action<string> log, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(ClusterFolder, "postmaster.pid")))
        {
            return;
        }
        var (status, _) = await RunAsync("pg_ctl", ["-D", ClusterFolder, "status"], null, cancellationToken, check: false);
        if (status == 0)
        {
            log($"a server left behind still runs on {ClusterFolder}; stopping it (fast shutdown)");
            await RunAsync("pg_ctl", ["-D", ClusterFolder, "-m", "fast", "-w", "-t", "60", "stop"], null, cancellationToken);
        }
    }

    private static string LoadOrCreatePassword(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return File.ReadAllText(file).Trim();
    }
}
