using System.Globalization;

namespace PerfMonitor.LoadGen;

/// <summary>Peak resident memory and average CPU per service process, read from /proc once a second.</summary>
public sealed class ProcessSampler
{
    private static readonly double TicksPerSecond = 100;
    private readonly Dictionary<string, (long PeakRssBytes, double FirstCpuSeconds, double LastCpuSeconds, DateTime First, DateTime Last)> seen = [];

    /// <summary>Reads every process once; returns each one's resident memory now, in MiB.</summary>
    public IReadOnlyDictionary<string, double> Sample(IEnumerable<(string Name, int? Pid)> processes)
    {
        var memory = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, pid) in processes)
        {
            if (pid is not { } id || !File.Exists($"/proc/{id}/stat"))
            {
                continue;
            }
            try
            {
                var rss = File.ReadLines($"/proc/{id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                var rssBytes = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                var stat = File.ReadAllText($"/proc/{id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                var now = DateTime.UtcNow;
                seen[name] = seen.TryGetValue(name, out var before)
                    ? (Math.Max(before.PeakRssBytes, rssBytes), cpu < before.LastCpuSeconds ? cpu : before.FirstCpuSeconds, cpu, cpu < before.LastCpuSeconds ? now : before.First, now)
                    : (rssBytes, cpu, cpu, now, now);
                memory[name] = rssBytes / (1024.0 * 1024.0);
            }
            catch (IOException)
            {
                // The process restarted between listing and reading.
            }
        }
        return memory;
    }

    public IReadOnlyDictionary<string, ServiceUsage> Usage() => seen.ToDictionary(
        entry => entry.Key,
        entry => new ServiceUsage(
            entry.Value.PeakRssBytes / (1024.0 * 1024.0),
            (entry.Value.Last - entry.Value.First).TotalSeconds > 0
                ? 100 * (entry.Value.LastCpuSeconds - entry.Value.FirstCpuSeconds) / (entry.Value.Last - entry.Value.First).TotalSeconds
                : 0));
}

public sealed record ServiceUsage(double PeakMemoryMiB, double AverageCpuPercent);
