using System.Diagnostics;
using PerfMonitor.Embedded.Postgres;

namespace PerfMonitor.TestSupport;

/// <summary>
/// Stops a test process's PostgreSQL server and deletes its folder once that process has exited. A shell of its own
/// session does it, outside the test process's tree: the test host may be killed (hang timeout, the runner's
/// shutdown) before any exit handler of its own could run, and pg_ctl has already detached the server from it.
/// </summary>
public static class ClusterWatchdog
{
    private const string PollSeconds = "1";

    public static void Start(PostgresCluster cluster, string folder)
    {
        var (pgCtl, arguments) = PostgresCluster.AsServiceUser("pg_ctl", ["-D", cluster.ClusterFolder, "-m", "immediate", "-w", "-t", "30", "stop"]);
        var stop = string.Join(' ', new[] { pgCtl }.Concat(arguments).Select(Quote));
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 {Environment.ProcessId}; do sleep {PollSeconds}; done
            [ -f {Quote(Path.Combine(cluster.ClusterFolder, "postmaster.pid"))} ] && {stop}
            rm -rf {Quote(folder)}
            """;
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "--fork", "sh", "-c", script },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var launcher = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog (setsid).");
        launcher.WaitForExit();
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
