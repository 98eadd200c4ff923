using System.Diagnostics;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a free loopback port with its own config and
/// storage in a temp folder, clustering off; stopped by its PID when the tests are done.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-alertmanager");
    private Process? process;

    public Uri Url { get; private set; } = null!;

    public static string? FindBinary() =>
        new[] { "/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager" }.FirstOrDefault(File.Exists);

    public async Task InitializeAsync()
    {
        var binary = FindBinary() ?? throw new InvalidOperationException(
            "Alertmanager is not installed: apt-get install -y prometheus-alertmanager (the test needs a real one on loopback)");
        var config = Path.Combine(folder.Path, "alertmanager.yml");
        await File.WriteAllTextAsync(config, """
            route:
              receiver: discard
              group_wait: 1s
            receivers:
              - name: discard
            """);
        var port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}", $"--storage.path={Path.Combine(folder.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=", "--log.level=warn",
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
        }, ready => ready || process.HasExited, TimeSpan.FromSeconds(30), "Alertmanager to be ready");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Alertmanager exited with {process.ExitCode}");
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
        folder.Dispose();
    }
}
