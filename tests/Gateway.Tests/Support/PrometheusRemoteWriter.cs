using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// Debian's Prometheus 2.42 as a user runs it in front of PerfMonitor: it scrapes itself every second and remote-writes
/// everything to the gateway with the credentials block a test gives, as it stands in prometheus.yml. Every series it
/// sends carries the external label <see cref="RunLabel"/>, so a test finds its own samples. Free loopback port, data in a
/// temp folder, stopped by its PID on dispose.
/// </summary>
public sealed class PrometheusRemoteWriter : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    public const string RunLabel = "perfmon_run";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder folder = new("perfmon-gateway-prometheus");
    private readonly ConcurrentQueue<string> output = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? process;

    private PrometheusRemoteWriter(Uri url) => Url = url;

    public Uri Url { get; }

    /// <summary>The run's id, the value of <see cref="RunLabel"/> on every series this Prometheus sends.</summary>
    public string Run { get; } = "r" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>What Prometheus logged: a refused remote write shows here with the status the gateway answered.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <param name="credentials">The remote_write entry's credentials, as YAML at the entry's indentation (e.g. <c>authorization:\n  credentials: KEY</c>); empty for none.</param>
    public static async Task<PrometheusRemoteWriter> StartAsync(Uri gateway, string credentials)
    {
        var prometheus = new PrometheusRemoteWriter(new Uri($"http://127.0.0.1:{FreePort.Next()}"));
        try
        {
            await prometheus.LaunchAsync(new Uri(gateway, "/api/v1/write"), credentials);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sum of every series of one of Prometheus's own counters, read from its /metrics.</summary>
    public async Task<double> CounterAsync(string name)
    {
        var text = await http.GetStringAsync(new Uri(Url, "/metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private async Task LaunchAsync(Uri writeUrl, string credentials)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: apt-get install -y prometheus");
        }
        var config = Path.Combine(folder.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(writeUrl, credentials));
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(folder.Path, "data")}");
        start.ArgumentList.Add($"--web.listen-address={Url.Authority}");
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Collect(line.Data);
        process.ErrorDataReceived += (_, line) => Collect(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.GetAsync(ReadyAsync, ready => ready || process.HasExited, StartTimeout, "Prometheus to answer /-/ready");
        if (process.HasExited)
        {
            throw new InvalidOperationException($"Prometheus exited with {process.ExitCode}:{Environment.NewLine}{Output}");
        }
    }

    private string Config(Uri writeUrl, string credentials) => $"""
        global:
          scrape_interval: 1s
          external_labels:
            {RunLabel}: {Run}
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["{Url.Authority}"]
        remote_write:
          - url: {writeUrl}
        {Indent(credentials, "    ")}
            queue_config:
              batch_send_deadline: 1s
        """;

    private static string Indent(string yaml, string indent) =>
        string.Join("\n", yaml.Split('\n').Select(line => line.Length == 0 ? line : indent + line));

    private async Task<bool> ReadyAsync()
    {
        try
        {
            return (await http.GetAsync(new Uri(Url, "/-/ready"))).IsSuccessStatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
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
        http.Dispose();
        folder.Dispose();
    }
}
