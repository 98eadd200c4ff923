using System.Diagnostics;
using PerfMonitor.Embedded;
using Xunit;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// Debian's prometheus-node-exporter, a real Prometheus target, started on a free loopback port and stopped by its
/// PID. It is a required test dependency: `apt-get install prometheus-node-exporter`.
/// </summary>
public sealed class NodeExporter : IAsyncLifetime
{
    public const string Binary = "/usr/bin/prometheus-node-exporter";

    private Process? process;

    public string MetricsUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing. These tests scrape a real Prometheus target: install it with `apt-get install -y prometheus-node-exporter`.");
        }
        var port = FreePort.Next();
        process = Process.Start(new ProcessStartInfo(Binary)
        {
            ArgumentList = { $"--web.listen-address=127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{Binary} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        MetricsUrl = $"http://127.0.0.1:{port}/metrics";

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                (await http.GetAsync(MetricsUrl)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                throw new InvalidOperationException($"{Binary} did not serve {MetricsUrl} (exited: {process.HasExited}).", ex);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process?.Dispose();
    }
}
