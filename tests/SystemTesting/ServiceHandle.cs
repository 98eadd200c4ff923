using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfMonitor.AppHost.Services;
using PerfMonitor.Embedded.Processes;

namespace PerfMonitor.SystemTesting;

/// <summary>
/// One of the four services as a test sees it: its endpoints, its process, its restarts, a crash on demand. DCP
/// starts a project as <c>dotnet run</c>, so the service's own process is that one's child.
/// </summary>
public sealed class ServiceHandle(string name, DistributedApplication app)
{
    private const string PidProperty = "executable.pid";
    private static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly ResourceNotificationService notifications = app.Services.GetRequiredService<ResourceNotificationService>();
    private int? killedRun;

    public string Name { get; } = name;

    public Uri HttpUrl => app.GetEndpoint(Name, ServiceExtensions.HttpEndpoint);

    public Uri GrpcUrl => app.GetEndpoint(Name, ServiceExtensions.GrpcEndpoint);

    public IReadOnlyDictionary<string, string> Endpoints => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ServiceExtensions.HttpEndpoint] = HttpUrl.ToString().TrimEnd('/'),
        [ServiceExtensions.GrpcEndpoint] = GrpcUrl.ToString().TrimEnd('/'),
    };

    public CustomResourceSnapshot Snapshot => notifications.TryGetCurrentState(Name, out var current)
        ? current.Snapshot
        : throw new InvalidOperationException($"{Name} has no state yet.");

    /// <summary>How often the AppHost has started it again after a crash (the dashboard's <c>restarts</c> property).</summary>
    public int Restarts => Snapshot.Properties.FirstOrDefault(p => p.Name == CrashRestarter.RestartsProperty)?.Value is int count ? count : 0;

    /// <summary>The service's own process (not the <c>dotnet run</c> around it), while it runs.</summary>
    public int? ProcessId => RunPid() is { } run ? ProcessTree.WithDescendants(run).Skip(1).Cast<int?>().FirstOrDefault() ?? run : null;

    public bool IsHealthy => Snapshot.State?.Text == KnownResourceStates.Running && Snapshot.HealthStatus == HealthStatus.Healthy;

    /// <summary>A crash: SIGKILL to the service's process, no graceful shutdown. The AppHost starts it again.</summary>
    public void Kill()
    {
        var run = RunPid() ?? throw new InvalidOperationException($"{Name} is not running.");
        killedRun = run;
        foreach (var pid in ProcessTree.WithDescendants(run).Skip(1).Reverse())
        {
            UnixProcess.Signal(pid, UnixProcess.SigKill);
        }
    }

    /// <summary>Running and healthy again, in a run started after the last <see cref="Kill"/>, and answering /health.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var http = new HttpClient { BaseAddress = HttpUrl, Timeout = HealthProbeTimeout };
        try
        {
            while (true)
            {
                await notifications.WaitForResourceAsync(Name, e =>
                    e.Snapshot.State?.Text == KnownResourceStates.Running
                    && e.Snapshot.HealthStatus == HealthStatus.Healthy
                    && Pid(e.Snapshot) is { } run && run != killedRun, deadline.Token);
                if (await AnswersHealthAsync(http, deadline.Token))
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} was not healthy within {timeout} (state {Snapshot.State?.Text}, health {Snapshot.HealthStatus}).");
        }
    }

    /// <summary>The first line of the resource's console log (what the dashboard shows) that matches.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        try
        {
            var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == Name);
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(deadline.Token))
            {
                if (batch.Select(line => line.Content).FirstOrDefault(content => content is not null && matches(content)) is { } found)
                {
                    return found;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Falls through to the timeout below.
        }
        throw new TimeoutException($"No matching line in {Name}'s console log within {timeout}.");
    }

    private int? RunPid() => notifications.TryGetCurrentState(Name, out var current) && current.Snapshot.State?.Text == KnownResourceStates.Running
        ? Pid(current.Snapshot)
        : null;

    private static int? Pid(CustomResourceSnapshot snapshot) => snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value as int?;

    private static async Task<bool> AnswersHealthAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/health", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
