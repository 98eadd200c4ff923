using System.Globalization;

namespace PerfMonitor.Collector.Collectors.Host;

/// <summary>Parsers for the /proc files the host collector reads; pure functions of the text, so tested on fixed input.</summary>
public static class ProcParsers
{
    /// <summary>USER_HZ: the unit of /proc/stat, 100 on every Linux architecture .NET runs on.</summary>
    public const double ClockTicksPerSecond = 100;

    /// <summary>/proc/diskstats counts 512-byte sectors whatever the device's real sector size.</summary>
    public const long SectorBytes = 512;

    private static readonly string[] CpuModes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];

    /// <summary>/proc/stat: the aggregate "cpu" line (guest time is already included in user and nice).</summary>
    public static CpuTimes? ParseCpu(string stat)
    {
        foreach (var line in stat.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("cpu "))
            {
                continue;
            }
            var fields = line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var modes = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < CpuModes.Length && i + 1 < fields.Length; i++)
            {
                modes[CpuModes[i]] = long.Parse(fields[i + 1], CultureInfo.InvariantCulture) / ClockTicksPerSecond;
            }
            return new CpuTimes(modes);
        }
        return null;
    }

    /// <summary>/proc/loadavg: "0.52 0.58 0.59 2/1024 12345".</summary>
    public static (double Load1, double Load5, double Load15)? ParseLoadAverage(string loadavg)
    {
        var fields = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            return null;
        }
        return (double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture));
    }

    /// <summary>/proc/meminfo: every "Name:   1234 kB" line, in bytes.</summary>
    public static Dictionary<string, long> ParseMemInfo(string meminfo)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in meminfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var rest = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (rest.Length == 0 || !long.TryParse(rest[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            values[line[..colon]] = rest.Length > 1 && rest[1] == "kB" ? value * 1024 : value;
        }
        return values;
    }

    /// <summary>
    /// /proc/diskstats: bytes read and written per device since boot. Loop and RAM devices are left out; they are
    /// not disks an operator watches.
    /// </summary>
    public static List<(string Device, long ReadBytes, long WrittenBytes)> ParseDiskStats(string diskstats)
    {
        var devices = new List<(string, long, long)>();
        foreach (var line in diskstats.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10)
            {
                continue;
            }
            var device = fields[2];
            if (device.StartsWith("loop", StringComparison.Ordinal) || device.StartsWith("ram", StringComparison.Ordinal))
            {
                continue;
            }
            var read = long.Parse(fields[5], CultureInfo.InvariantCulture) * SectorBytes;
            var written = long.Parse(fields[9], CultureInfo.InvariantCulture) * SectorBytes;
            devices.Add((device, read, written));
        }
        return devices;
    }

    /// <summary>/proc/net/dev: bytes received and sent per interface since boot (two header lines, then "name: rx ... tx ...").</summary>
    public static List<(string Interface, long ReceivedBytes, long TransmittedBytes)> ParseNetDev(string netdev)
    {
        var interfaces = new List<(string, long, long)>();
        foreach (var line in netdev.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9)
            {
                continue;
            }
            interfaces.Add((line[..colon].Trim(), long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[8], CultureInfo.InvariantCulture)));
        }
        return interfaces;
    }
}
