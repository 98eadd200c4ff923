using System.Diagnostics;
using System.Text.Json;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// Prometheus's copy of the history: its remote-write receiver refuses samples older than its head, so the history
/// becomes TSDB blocks with Debian's <c>promtool tsdb create-blocks-from openmetrics</c>, in the storage folder the
/// peer then starts on. 18 h blocks, the largest a default Prometheus (15 d retention) compacts week-old data into, so
/// it finds nothing to compact while it is measured.
/// </summary>
public static class PrometheusHistory
{
    public const string Promtool = "/usr/bin/promtool";
    private const string BlockDuration = "18h";

    /// <summary>Writes the blocks into <paramref name="dataFolder"/> and returns the samples their meta.json files count.</summary>
    public static async Task<long> CreateBlocksAsync(string openMetricsFile, string dataFolder, CancellationToken cancellationToken)
    {
        if (!File.Exists(Promtool))
        {
            throw new InvalidOperationException($"promtool is not installed ({Promtool}): apt-get install -y prometheus");
        }
        Directory.CreateDirectory(dataFolder);
        var start = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "tsdb", "create-blocks-from", "openmetrics", $"--max-block-duration={BlockDuration}", openMetricsFile, dataFolder })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"promtool create-blocks-from openmetrics exited with {process.ExitCode}: {await errors}{await output}");
        }
        return CountSamples(dataFolder);
    }

    /// <summary>The samples in every block of the folder, as their meta.json files state them.</summary>
    public static long CountSamples(string dataFolder) => Directory.EnumerateFiles(dataFolder, "meta.json", SearchOption.AllDirectories)
        .Sum(meta =>
        {
            using var document = JsonDocument.Parse(File.ReadAllText(meta));
            return document.RootElement.GetProperty("stats").GetProperty("numSamples").GetInt64();
        });

    public static int CountBlocks(string dataFolder) => Directory.EnumerateFiles(dataFolder, "meta.json", SearchOption.AllDirectories).Count();
}
