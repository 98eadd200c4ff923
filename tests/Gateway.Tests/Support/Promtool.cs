using System.Diagnostics;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>Debian's promtool (2.42), run once with the given arguments and stopped by its id if it outlives the timeout.</summary>
public static class Promtool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The server URL promtool is given: 2.42 has no credentials flag for queries, and Go sends the URL's user info as Basic.</summary>
    public static string Server(Uri gateway, string key) => new UriBuilder(gateway) { UserName = "promtool", Password = key }.Uri.ToString();

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/promtool") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var promtool = Process.Start(start)!;
        var output = Task.WhenAll(promtool.StandardError.ReadToEndAsync(), promtool.StandardOutput.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await promtool.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!promtool.HasExited)
            {
                promtool.Kill();
            }
        }
        return (promtool.ExitCode, string.Join(Environment.NewLine, await output));
    }
}
