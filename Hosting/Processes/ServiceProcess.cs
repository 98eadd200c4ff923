using System.Diagnostics;

namespace PerfMonitor.Hosting.Processes;

/// <summary>
/// A service running as its own process: started with its environment, its output kept in a log file and the
/// last lines in memory, its /health polled, restarted with backoff when it exits without being asked to.
/// </summary>
public sealed class ServiceProcess(ServiceLaunch launch, Action<string> announce) : Resource(launch.Name, "project"), IAsyncDisposable
{
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);
    // Inherited from a host started by `dotnet run`, these would override the endpoints the launch assigns.
    private static readonly string[] EndpointVariables = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_LAUNCH_PROFILE"];
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient health = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Lock logLock = new();
    private StreamWriter? log;
    private Process? process;
    private Task supervisor = Task.CompletedTask;
    private Task healthPoller = Task.CompletedTask;

    public ServiceLaunch Launch => launch;

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(launch.LogFile)!);
        log = new StreamWriter(launch.LogFile, append: true) { AutoFlush = true };
        foreach (var (name, url) in launch.Endpoints)
        {
            Endpoints[name] = url;
        }
        supervisor = Task.Run(() => SuperviseAsync(stopping.Token));
        healthPoller = Task.Run(() => PollHealthAsync(stopping.Token));
    }

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (State != ResourceState.Healthy)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} was not healthy within {timeout} (state {State}, {HealthDetail}). Last output:{Environment.NewLine}{string.Join(Environment.NewLine, RecentLogs.TakeLast(30))}");
        }
    }

    /// <summary>A crash, for fault tests: SIGKILL, no graceful shutdown. The supervisor restarts it.</summary>
    public void Kill()
    {
        try
        {
            process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited, or the supervisor is replacing it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(supervisor, healthPoller);
        State = ResourceState.Stopped;
        ProcessId = null;
        health.Dispose();
        lock (logLock)
        {
            log?.Dispose();
            log = null;
        }
        stopping.Dispose();
    }

    /// <summary>
    /// Owns the process from start to stop, so a restart can never race a shutdown: on cancellation it stops the
    /// process it started itself.
    /// </summary>
    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            State = ResourceState.Starting;
            var started = Stopwatch.StartNew();
            using var current = StartProcess();
            process = current;
            ProcessId = current.Id;
            try
            {
                await current.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await StopProcessAsync(current);
                return;
            }

            if (current.ExitCode == 0)
            {
                // A clean exit means someone asked it to stop (SIGTERM/SIGINT, e.g. Ctrl+C reaching the whole
                // process group): that is not a crash, so it is not restarted.
                State = ResourceState.Stopped;
                announce($"{Name} stopped (exit code 0); not restarting");
                return;
            }

            backoff = started.Elapsed > StableRun ? TimeSpan.FromSeconds(1) : backoff;
            Restarts++;
            State = ResourceState.Restarting;
            announce($"{Name} exited with code {current.ExitCode}; restarting in {backoff.TotalSeconds:0}s (restart #{Restarts})");
            try
            {
                await Task.Delay(backoff, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>SIGTERM for a graceful shutdown; SIGKILL if it has not exited within the grace period.</summary>
    private static async Task StopProcessAsync(Process current)
    {
        if (current.HasExited)
        {
            return;
        }
        UnixProcess.Terminate(current.Id);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await current.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            current.Kill(entireProcessTree: true);
            await current.WaitForExitAsync(CancellationToken.None);
        }
    }

    private Process StartProcess()
    {
        var startInfo = new ProcessStartInfo(launch.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory,
        };
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var inherited in EndpointVariables)
        {
            startInfo.Environment.Remove(inherited);
        }
        foreach (var (name, value) in launch.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var started = new Process { StartInfo = startInfo };
        started.OutputDataReceived += (_, e) => Record(e.Data);
        started.ErrorDataReceived += (_, e) => Record(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        AppendLog(line);
        lock (logLock)
        {
            log?.WriteLine(line);
        }
    }

    private async Task PollHealthAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HealthInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (State is ResourceState.Restarting or ResourceState.Stopped)
                {
                    continue;
                }
                try
                {
                    using var response = await health.GetAsync(launch.HealthUrl, cancellationToken);
                    State = response.IsSuccessStatusCode ? ResourceState.Healthy : ResourceState.Unhealthy;
                    HealthDetail = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                }
                catch (HttpRequestException ex)
                {
                    State = State == ResourceState.Starting ? ResourceState.Starting : ResourceState.Unhealthy;
                    HealthDetail = ex.Message;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    State = ResourceState.Unhealthy;
                    HealthDetail = "health check timed out";
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
