using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PerfMonitor.Embedded;
using PerfMonitor.Embedded.Processes;
using PerfMonitor.SystemTesting;

namespace PerfMonitor.EndToEnd.Tests.Support;

/// <summary>
/// The AppHost program run the way a user runs it (its own process, the Aspire dashboard on, its browser token
/// login), on free ports and a temp data folder. Its console is kept, to read the links it prints.
/// </summary>
public sealed partial class AppHostProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppHostProcess(Process process, string dataDirectory)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    public string DataDirectory { get; }

    public string Console => string.Join(Environment.NewLine, output);

    public static AppHostProcess Start(string dataDirectory)
    {
        var assembly = RepositoryLayout.ServiceAssembly(RepositoryLayout.FindRoot(), "AppHost");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        // What the launch profile sets for `dotnet run`, on free ports; the dashboard keeps its default browser-token login.
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS");
        start.Environment["AppHost__DataDirectory"] = dataDirectory;
        start.Environment["AppHost__GatewayHttpPort"] = "0";
        start.Environment["AppHost__GatewayGrpcPort"] = "0";
        start.Environment["AppHost__DurablePostgres"] = "false";
        start.Environment["AppHost__KafkaPartitions"] = "8";
        return new AppHostProcess(Process.Start(start)!, dataDirectory);
    }

    /// <summary>The printed summary, once everything is up; fails early if the AppHost exits first.</summary>
    public async Task<string> WaitUntilUpAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!output.Any(line => line.StartsWith("PerfMonitor is up", StringComparison.Ordinal)))
        {
            if (process.HasExited || deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The AppHost did not come up within {timeout} (exited: {process.HasExited}). Console:{Environment.NewLine}{Console}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        // The summary's lines arrive one by one after its first.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return Console;
    }

    /// <summary>The link on the summary line that starts with <paramref name="label"/>.</summary>
    public string Link(string label) => output
        .Where(line => line.TrimStart().StartsWith(label, StringComparison.Ordinal))
        .Select(line => LinkPattern().Match(line))
        .FirstOrDefault(match => match.Success)?.Value
        ?? throw new InvalidOperationException($"No link labelled '{label}' in the console:{Environment.NewLine}{Console}");

    /// <summary>Everything it started: below it, plus DCP, which detaches but names the AppHost in --monitor.</summary>
    public IReadOnlyList<ProcessTree.Entry> Descendants()
    {
        var all = ProcessTree.Snapshot();
        var marker = $"--monitor {Pid.ToString(CultureInfo.InvariantCulture)}";
        var found = all.Where(p => p.ParentPid == Pid || p.CommandLine.Contains(marker + " ", StringComparison.Ordinal) || p.CommandLine.EndsWith(marker, StringComparison.Ordinal)).ToList();
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(all.Where(p => p.ParentPid == found[i].Pid && !found.Contains(p)));
        }
        return found;
    }

    public void Signal(int signal) => UnixProcess.Signal(Pid, signal);

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    [GeneratedRegex(@"https?://[^\s)]+")]
    private static partial Regex LinkPattern();
}
