using System.Diagnostics;
using PerfMonitor.Embedded;
using PerfMonitor.Embedded.Processes;
using PerfMonitor.LoadGen.Usage;

namespace PerfMonitor.LoadGen.RemoteWrite.Targets;

/// <summary>
/// A peer started by the comparison on a free loopback port with fresh storage in a temp folder, stopped by its PID
/// (SIGTERM, then SIGKILL if it lingers) and its folder deleted when the comparison is done with it.
/// </summary>
public sealed class PeerTarget : IRemoteWriteTarget
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly PeerKind kind;
    private readonly Process process;
    private readonly string folder;
    private readonly HttpClient http;
    private readonly double counterAtStart;

    private PeerTarget(PeerKind kind, Process process, string folder, HttpClient http, double counterAtStart, string version)
    {
        this.kind = kind;
        this.process = process;
        this.folder = folder;
        this.http = http;
        this.counterAtStart = counterAtStart;
        Version = version;
        Client = new RemoteWriteClient(new Uri(http.BaseAddress!, kind.WritePath), WriteAuth.None);
    }

    public string Name => kind.Name;

    public string Version { get; }

    public RemoteWriteClient Client { get; }

    public string UsageScope => $"the {kind.Binary} process (pid {process.Id})";

    public string VisibleSource => $"{kind.VisibleCounter} on its /metrics";

    public int ProcessId => process.Id;

    /// <summary>Where the peer's HTTP API listens.</summary>
    public Uri Url => http.BaseAddress!;

    /// <summary>
    /// Starts the peer; <paramref name="seedStorage"/>, when given, fills its fresh folder first (the data lives in its
    /// <c>data</c> subfolder), e.g. with TSDB blocks of history the remote-write receiver would refuse.
    /// </summary>
    public static async Task<PeerTarget> StartAsync(PeerKind kind, CancellationToken cancellationToken, Func<string, CancellationToken, Task>? seedStorage = null)
    {
        if (!File.Exists(kind.Binary))
        {
            throw new InvalidOperationException($"{kind.Name} is not installed ({kind.Binary}): apt-get install -y {kind.Package}");
        }
        var folder = Directory.CreateTempSubdirectory($"perfmon-peer-{kind.Key}-").FullName;
        if (seedStorage is not null)
        {
            try
            {
                await seedStorage(folder, cancellationToken);
            }
            catch
            {
                Directory.Delete(folder, recursive: true);
                throw;
            }
        }
        var port = FreePort.Next();
        var start = new ProcessStartInfo(kind.Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in kind.Arguments(port, folder))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{kind.Binary} did not start.");
        var output = new PeerOutput(process);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await WaitReadyAsync(kind, process, http, output, cancellationToken);
            var counter = MetricsText.Sum(await http.GetStringAsync("/metrics", cancellationToken), kind.VisibleCounter);
            return new PeerTarget(kind, process, folder, http, counter, await PackageVersion.OfAsync(kind.Package, cancellationToken));
        }
        catch
        {
            http.Dispose();
            await StopAsync(process);
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async Task<long> VisibleAsync(CancellationToken cancellationToken) =>
        (long)(MetricsText.Sum(await http.GetStringAsync("/metrics", cancellationToken), kind.VisibleCounter) - counterAtStart);

    public Task<long> CountAsync(CancellationToken cancellationToken) => VisibleAsync(cancellationToken);

    public ResourceUsage ReadUsage()
    {
        var (cpu, rss, pss) = ProcessSet.Sum([process.Id]);
        return new ResourceUsage(cpu, rss, pss, 0, ProcFs.OwnCpuSeconds());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        http.Dispose();
        await StopAsync(process);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task WaitReadyAsync(PeerKind kind, Process process, HttpClient http, PeerOutput output, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{kind.Name} exited with {process.ExitCode}: {output.Tail}");
            }
            try
            {
                using var response = await http.GetAsync(kind.ReadyPath, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        throw new TimeoutException($"{kind.Name} was not ready within {ReadyTimeout}: {output.Tail}");
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            UnixProcess.Signal(process.Id, UnixProcess.SigTerm);
            using var patience = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
    }
}
