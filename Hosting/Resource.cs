using System.Collections.Concurrent;

namespace PerfMonitor.Hosting;

/// <summary>One thing the orchestrator runs or points at, as the resources page and the console show it.</summary>
public class Resource(string name, string kind)
{
    private const int LogLinesKept = 200;
    private readonly ConcurrentQueue<string> recentLogs = new();

    public string Name { get; } = name;

    public string Kind { get; } = kind;

    public ResourceState State { get; set; } = ResourceState.NotStarted;

    public int? ProcessId { get; set; }

    public int Restarts { get; set; }

    public string? HealthDetail { get; set; }

    public Dictionary<string, string> Endpoints { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> RecentLogs => recentLogs.ToArray();

    public void AppendLog(string line)
    {
        recentLogs.Enqueue(line);
        while (recentLogs.Count > LogLinesKept)
        {
            recentLogs.TryDequeue(out _);
        }
    }
}
