using System.Diagnostics;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// A Prometheus-family server (Prometheus, Alertmanager) started from its Debian binary on a loopback port, waited for
/// until <c>/-/ready</c> answers, and stopped by its PID.
/// </summary>
public sealed class ReadyProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);

    private readonly Process process;

    private ReadyProcess(Process process, Uri url) => (this.process, Url) = (process, url);

    public Uri Url { get; }

    /// <summary>Starts <paramref name="binary"/> with <paramref name="arguments"/> (given the port to listen on) and waits until it is ready.</summary>
    public static async Task<ReadyProcess> StartAsync(string binary, Func<int, IEnumerable<string>> arguments, string what)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments(port))
        {
            start.ArgumentList.Add(argument);
        }
        var started = new ReadyProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        started.process.OutputDataReceived += (_, _) => { };
        started.process.ErrorDataReceived += (_, _) => { };
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        using var http = new HttpClient();
        await Eventually.GetAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri(started.Url, "/-/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready || started.process.HasExited, StartPatience, $"{what} to be ready");
        if (started.process.HasExited)
        {
            var code = started.process.ExitCode;
            await started.DisposeAsync();
            throw new InvalidOperationException($"{what} exited with {code}");
        }
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
