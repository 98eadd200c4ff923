using System.Globalization;

namespace PerfMonitor.LoadGen.Usage;

/// <summary>CPU time and memory of processes and threads, read from Linux's /proc.</summary>
public static class ProcFs
{
    // USER_HZ: the unit of /proc/*/stat times; 100 on every Linux ABI .NET runs on.
    private const double TicksPerSecond = 100;
    private const int UserTimeField = 11, SystemTimeField = 12, ChildrenUserTimeField = 13, ChildrenSystemTimeField = 14;

    /// <summary>
    /// User + system seconds of a process (all its threads) or a thread's stat file; with <paramref name="withReapedChildren"/>
    /// also those of the children it has waited for (a PostgreSQL backend that came and went). Null when it is gone.
    /// </summary>
    public static double? CpuSeconds(string statPath, bool withReapedChildren)
    {
        try
        {
            var stat = File.ReadAllText(statPath);
            // The command name in parentheses may hold spaces; the fields after it are space-separated (state first).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = Field(fields, UserTimeField) + Field(fields, SystemTimeField);
            if (withReapedChildren)
            {
                ticks += Field(fields, ChildrenUserTimeField) + Field(fields, ChildrenSystemTimeField);
            }
            return ticks / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static double? ProcessCpuSeconds(int pid) => CpuSeconds($"/proc/{pid}/stat", withReapedChildren: true);

    /// <summary>This process's own threads only (not the helpers it ran and reaped, such as dpkg-query).</summary>
    public static double OwnCpuSeconds() => CpuSeconds($"/proc/{Environment.ProcessId}/stat", withReapedChildren: false) ?? 0;

    /// <summary>Seconds spent by this process's threads of one name (e.g. librdkafka's <c>rdk:mock</c>, the embedded broker).</summary>
    public static double ThreadCpuSeconds(int pid, string threadName)
    {
        double total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (ReadTrimmed(Path.Combine(task, "comm")) == threadName)
                {
                    total += CpuSeconds(Path.Combine(task, "stat"), withReapedChildren: false) ?? 0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is gone: nothing more to add.
        }
        return total;
    }

    /// <summary>
    /// Resident memory and its proportional share (PSS: pages shared with other processes, such as PostgreSQL's shared
    /// buffers, are split between them, so summing PSS over processes does not count them twice). Null when it is gone.
    /// </summary>
    public static (long RssBytes, long PssBytes)? Memory(int pid)
    {
        try
        {
            long rss = 0, pss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Rss:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    pss = Kilobytes(line) * 1024;
                }
            }
            return (rss, pss);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Field(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
