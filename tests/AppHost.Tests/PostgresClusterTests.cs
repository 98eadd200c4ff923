using Npgsql;
using PerfMonitor.Embedded.Postgres;
using PerfMonitor.Embedded.Processes;
using PerfMonitor.TestSupport;

namespace PerfMonitor.AppHost.Tests;

/// <summary>The cluster folder the AppHost's metricsdb resource runs on, and the two ways it is made safe to run.</summary>
[Trait("Category", "System")]
public sealed class PostgresClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 180_000)]
    public async Task Preparing_the_folder_stops_a_server_that_a_killed_AppHost_left_running_on_it()
    {
        using var folder = new TempFolder("perfmon-pg-stale");
        using var cancellation = new CancellationTokenSource(Timeout);
        var options = new EmbeddedPostgresOptions(Path.Combine(folder.Path, "postgres")) { Durable = false };
        // Never disposed: the server a SIGKILLed host leaves behind.
        var leftBehind = await EmbeddedPostgres.StartAsync(options, cancellation.Token);
        var cluster = new PostgresCluster(options.DataDirectory, options.Database);
        var stale = cluster.PostmasterPid() ?? throw new InvalidOperationException("no postmaster.pid");
        var logged = new List<string>();

        await cluster.PrepareAsync(logged.Add, cancellation.Token);
        // pg_ctl returns once the lock file is gone; the process itself exits a moment later.
        await Eventually.GetAsync(() => Task.FromResult(ProcessTree.IsAlive(stale)), alive => !alive, TimeSpan.FromSeconds(10), "the stale server to exit");

        Assert.False(ProcessTree.IsAlive(stale), "the stale server still runs");
        Assert.Null(cluster.PostmasterPid());
        Assert.Contains(logged, line => line.Contains("left behind", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(leftBehind.ConnectionString));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_fast_shutdown_ends_open_sessions_and_leaves_the_cluster_clean()
    {
        using var folder = new TempFolder("perfmon-pg-fast");
        using var cancellation = new CancellationTokenSource(Timeout);
        var options = new EmbeddedPostgresOptions(Path.Combine(folder.Path, "postgres")) { Durable = false };
        var server = await EmbeddedPostgres.StartAsync(options, cancellation.Token);
        var cluster = new PostgresCluster(options.DataDirectory, options.Database);
        var pid = cluster.PostmasterPid() ?? throw new InvalidOperationException("no postmaster.pid");
        try
        {
            // A client that never leaves: PostgreSQL's smart shutdown (SIGTERM, what DCP sends) would wait for it forever.
            await using var client = await OpenAsync(server.ConnectionString);

            Assert.True(cluster.FastShutdown());
            while (ProcessTree.IsAlive(pid))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation.Token);
            }
        }
        finally
        {
            if (ProcessTree.IsAlive(pid))
            {
                await server.DisposeAsync();
            }
        }

        Assert.False(File.Exists(Path.Combine(cluster.ClusterFolder, "postmaster.pid")), "postmaster.pid left behind: not a clean shutdown");
    }

    [Fact(Timeout = 180_000)]
    public async Task The_cluster_is_created_once_with_its_database_and_a_private_password()
    {
        using var folder = new TempFolder("perfmon-pg-create");
        using var cancellation = new CancellationTokenSource(Timeout);
        var cluster = new PostgresCluster(Path.Combine(folder.Path, "postgres"), "metricsdb");

        await cluster.PrepareAsync(_ => { }, cancellation.Token);
        var logged = new List<string>();
        await cluster.PrepareAsync(logged.Add, cancellation.Token);

        await using (var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(cluster.DataDirectory) { Durable = false }, cancellation.Token))
        {
            await using var connection = await OpenAsync(server.ConnectionString);
            Assert.Equal("metricsdb", connection.Database);
        }
        Assert.DoesNotContain(logged, line => line.StartsWith("initdb", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(cluster.PasswordFile));
        Assert.Equal(48, cluster.Password.Length);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
