using System.Diagnostics;

namespace PerfMonitor.LoadGen.RemoteWrite.Targets;

/// <summary>The installed Debian package's version (Debian's VictoriaMetrics build prints none of its own).</summary>
public static class PackageVersion
{
    public static async Task<string> OfAsync(string package, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dpkg-query") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-W", "-f", "${Version}", package })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var version = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 && version.Length > 0 ? version.Trim() : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no dpkg-query)";
        }
    }
}
