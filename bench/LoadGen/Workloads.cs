namespace PerfMonitor.LoadGen;

/// <summary>The workloads <c>--workload</c> chooses between.</summary>
public static class Workloads
{
    public const string Mixed = "mixed";
    public const string RemoteWrite = "remote-write";
    public const string Query = "query";

    public static string Parse(string text) => text switch
    {
        Mixed or RemoteWrite or Query => text,
        _ => throw new ArgumentException($"--workload '{text}' is not one of {Mixed}, {RemoteWrite}, {Query}"),
    };
}
