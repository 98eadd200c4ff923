namespace PerfMonitor.Hosting.Processes;

/// <summary>How to start one service process and where to find its health endpoint.</summary>
public sealed record ServiceLaunch(
    string Name,
    string Executable,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Endpoints,
    Uri HealthUrl,
    string LogFile);
