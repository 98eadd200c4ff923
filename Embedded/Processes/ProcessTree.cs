using System.Globalization;

namespace PerfMonitor.Embedded.Processes;

/// <summary>Linux's process table read from /proc: who runs, with which parent and command line.</summary>
public static class ProcessTree
{
    public sealed record Entry(int Pid, int ParentPid, string CommandLine);

    /// <summary>Every live process (zombies, already exited, are left out).</summary>
    public static IReadOnlyList<Entry> Snapshot()
    {
        var entries = new List<Entry>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z")
                {
                    continue;
                }
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim();
                entries.Add(new Entry(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), commandLine));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It exited while being read.
            }
        }
        return entries;
    }

    /// <summary>The process and everything below it.</summary>
    public static IReadOnlyList<int> WithDescendants(int root)
    {
        var snapshot = Snapshot();
        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(snapshot.Where(p => p.ParentPid == found[i]).Select(p => p.Pid));
        }
        return found;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
