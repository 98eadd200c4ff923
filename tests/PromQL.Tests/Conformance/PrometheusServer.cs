using System.Diagnostics;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// Debian's Prometheus 2.42 on a free loopback port with the remote-write receiver on, a minimal config and its
/// TSDB in a temp folder; stopped by its PID on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly TempFolder folder = new("perfmon-promql-prometheus");
    private Process? process;

    public Uri Url { get; private set; } = null!;

    public static async Task<PrometheusServer> StartAsync()
    {
        var server = new PrometheusServer();
        try
        {
            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("Prometheus is not installed: apt-get install -y prometheus (the conformance test compares with it)");
        }
        var config = Path.Combine(folder.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1m\n");
        var port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--web.enable-remote-write-receiver", $"--storage.tsdb.path={Path.Combine(folder.Path, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", $"--config.file={config}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        await Eventually.GetAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri(Url, "/-/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready || process.HasExited, TimeSpan.FromSeconds(60), "Prometheus to be ready");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Prometheus exited with {process.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        folder.Dispose();
    }
}
