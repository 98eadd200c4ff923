using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a free loopback port with its own config and
/// storage in a temp folder, clustering off; stopped by its PID when the tests are done.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncLifetime
{
    private readonly TempFolder folder = new("perfmon-alertmanager");
    private ReadyProcess? process;

    public Uri Url => process?.Url ?? throw new InvalidOperationException("Alertmanager is not started");

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
        process = await ReadyProcess.StartAsync(binary, port =>
        [
            $"--config.file={config}", $"--storage.path={Path.Combine(folder.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=", "--log.level=warn",
        ], "Alertmanager");
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
        folder.Dispose();
    }
}
