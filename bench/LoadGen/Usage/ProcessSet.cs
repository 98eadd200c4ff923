using PerfMonitor.Embedded.Processes;

namespace PerfMonitor.LoadGen.Usage;

/// <summary>Processes with everything below them (a PostgreSQL postmaster and its backends), read from one /proc snapshot.</summary>
public static class ProcessSet
{
    public static IReadOnlySet<int> WithDescendants(IEnumerable<int> roots, IReadOnlyList<ProcessTree.Entry> snapshot)
    {
        var children = snapshot.ToLookup(p => p.ParentPid, p => p.Pid);
        var found = new HashSet<int>();
        var pending = new Queue<int>(roots);
        while (pending.TryDequeue(out var pid))
        {
            if (found.Add(pid))
            {
                foreach (var child in children[pid])
                {
                    pending.Enqueue(child);
                }
            }
        }
        return found;
    }

    /// <summary>CPU seconds and memory summed over the processes (each with the children it has reaped).</summary>
    public static (double CpuSeconds, long RssBytes, long PssBytes) Sum(IEnumerable<int> pids)
    {
        double cpu = 0;
        long rss = 0, pss = 0;
        foreach (var pid in pids)
        {
            cpu += ProcFs.ProcessCpuSeconds(pid) ?? 0;
            if (ProcFs.Memory(pid) is { } memory)
            {
                rss += memory.RssBytes;
                pss += memory.PssBytes;
            }
        }
        return (cpu, rss, pss);
    }
}
