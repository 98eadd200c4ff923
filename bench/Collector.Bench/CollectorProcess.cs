using System.Diagnostics;
using PerfMonitor.Embedded.Processes;

namespace PerfMonitor.Collector.Bench;

/// <summary>
/// The collector alone, as its own process, for the bench: the whole system (Aspire) would put analytics and
/// alerting on the same cores. Output goes to a log file; stopped with SIGTERM, killed if it does not stop.
/// </summary>
public sealed class CollectorProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private readonly Process process;
    private readonly StreamWriter log;

    private CollectorProcess(Process process, StreamWriter log, Uri httpUrl)
    {
        this.process = process;
        this.log = log;
        HttpUrl = httpUrl;
    }

    public Uri HttpUrl { get; }

    public int ProcessId => process.Id;

    public static CollectorProcess Start(string assembly, IReadOnlyDictionary<string, string> environment, Uri httpUrl, string logFile)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var startInfo = new ProcessStartInfo(host, [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        // Inherited from a bench started by `dotnet run`, these would override the endpoints given below.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_LAUNCH_PROFILE" })
        {
            startInfo.Environment.Remove(inherited);
        }
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        var writer = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new CollectorProcess(process, writer, httpUrl);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = HttpUrl, Timeout = HealthPoll * 8 };
        using var deadline = new CancellationTokenSource(timeout);
        while (!process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health", deadline.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The collector was not healthy within {timeout}.");
            }
            await Task.Delay(HealthPoll, deadline.Token);
        }
        throw new InvalidOperationException($"The collector exited with code {process.ExitCode} before it was healthy.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            UnixProcess.Signal(process.Id, UnixProcess.SigTerm);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
