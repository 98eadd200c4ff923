using System.Collections.Concurrent;
using System.Diagnostics;

namespace PerfMonitor.LoadGen.RemoteWrite.Targets;

/// <summary>The last lines a peer wrote, kept to explain why it did not start; the rest is read and dropped so its pipes never fill.</summary>
public sealed class PeerOutput
{
    private const int KeptLines = 20;
    private readonly ConcurrentQueue<string> lines = new();

    public PeerOutput(Process process)
    {
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Tail => string.Join(Environment.NewLine, lines);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lines.Enqueue(line);
        while (lines.Count > KeptLines)
        {
            lines.TryDequeue(out _);
        }
    }
}
