using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;
using static PerfMonitor.Collector.Collectors.Common.CollectedSample;

namespace PerfMonitor.Collector.Collectors.Host;

/// <summary>
/// The machine the collector runs on, from /proc and statfs: CPU by mode and busy percent, load, memory, swap,
/// disk I/O per device, filesystem usage per mount, network bytes per interface. Labelled with <c>host</c>.
/// </summary>
public sealed partial class HostCollector(IngestPipeline pipeline, TimeProvider clock, IOptions<HostCollectorOptions> options, ILogger<HostCollector> logger)
    : PeriodicCollector(pipeline, clock, logger)
{
    private readonly string host = Environment.MachineName;
    private CpuTimes? previousCpu;

    protected override string Source => "host";

    protected override CollectorOptions Settings => options.Value;

    protected override bool CanRun(out string reason)
    {
        reason = $"{options.Value.ProcPath}/stat is not readable (not Linux?)";
        return File.Exists(Path.Combine(options.Value.ProcPath, "stat"));
    }

    protected override async Task CollectAsync(List<Sample> samples, CancellationToken cancellationToken)
    {
        var hostLabel = ("host", host);
        if (ProcParsers.ParseCpu(await ReadAsync("stat", cancellationToken)) is { } cpu)
        {
            foreach (var (mode, seconds) in cpu.SecondsByMode)
            {
                samples.Add(Counter("host_cpu_seconds_total", seconds, "s", hostLabel, ("mode", mode)));
            }
            if (previousCpu is not null && cpu.UsagePercentSince(previousCpu) is { } usage)
            {
                samples.Add(Gauge("host_cpu_usage_percent", usage, "%", hostLabel));
            }
            previousCpu = cpu;
        }

        if (ProcParsers.ParseLoadAverage(await ReadAsync("loadavg", cancellationToken)) is { } load)
        {
            samples.Add(Gauge("host_load1", load.Load1, "", hostLabel));
            samples.Add(Gauge("host_load5", load.Load5, "", hostLabel));
            samples.Add(Gauge("host_load15", load.Load15, "", hostLabel));
        }

        AddMemory(samples, ProcParsers.ParseMemInfo(await ReadAsync("meminfo", cancellationToken)), hostLabel);

        if (await TryReadAsync("diskstats", cancellationToken) is { } diskstats)
        {
            foreach (var (device, read, written) in ProcParsers.ParseDiskStats(diskstats))
            {
                samples.Add(Counter("host_disk_read_bytes_total", read, "By", hostLabel, ("device", device)));
                samples.Add(Counter("host_disk_written_bytes_total", written, "By", hostLabel, ("device", device)));
            }
        }

        if (await TryReadAsync("net/dev", cancellationToken) is { } netdev)
        {
            foreach (var (name, received, transmitted) in ProcParsers.ParseNetDev(netdev))
            {
                samples.Add(Counter("host_network_receive_bytes_total", received, "By", hostLabel, ("interface", name)));
                samples.Add(Counter("host_network_transmit_bytes_total", transmitted, "By", hostLabel, ("interface", name)));
            }
        }

        AddFilesystems(samples, hostLabel);
    }

    private static void AddMemory(List<Sample> samples, Dictionary<string, long> memory, (string, string) hostLabel)
    {
        if (memory.TryGetValue("MemTotal", out var total) && total > 0)
        {
            var available = memory.GetValueOrDefault("MemAvailable", memory.GetValueOrDefault("MemFree"));
            samples.Add(Gauge("host_memory_total_bytes", total, "By", hostLabel));
            samples.Add(Gauge("host_memory_available_bytes", available, "By", hostLabel));
            samples.Add(Gauge("host_memory_used_bytes", total - available, "By", hostLabel));
            samples.Add(Gauge("host_memory_usage_percent", 100.0 * (total - available) / total, "%", hostLabel));
        }
        if (memory.TryGetValue("SwapTotal", out var swapTotal))
        {
            var swapUsed = swapTotal - memory.GetValueOrDefault("SwapFree");
            samples.Add(Gauge("host_swap_total_bytes", swapTotal, "By", hostLabel));
            samples.Add(Gauge("host_swap_used_bytes", swapUsed, "By", hostLabel));
            samples.Add(Gauge("host_swap_usage_percent", swapTotal > 0 ? 100.0 * swapUsed / swapTotal : 0, "%", hostLabel));
        }
    }

    private void AddFilesystems(List<Sample> samples, (string, string) hostLabel)
    {
        var ignored = options.Value.IgnoredFilesystemTypes.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var drive in DriveInfo.GetDrives())
        {
            try
            {
                if (!drive.IsReady || ignored.Contains(drive.DriveFormat) || drive.TotalSize <= 0 || !seen.Add(drive.Name))
                {
                    continue;
                }
                var labels = new[] { hostLabel, ("mount", drive.Name), ("fstype", drive.DriveFormat) };
                var used = drive.TotalSize - drive.TotalFreeSpace;
                samples.Add(Gauge("host_filesystem_size_bytes", drive.TotalSize, "By", labels));
                samples.Add(Gauge("host_filesystem_free_bytes", drive.AvailableFreeSpace, "By", labels));
                samples.Add(Gauge("host_filesystem_usage_percent", 100.0 * used / drive.TotalSize, "%", labels));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A mount we may not stat (another user's FUSE mount, a vanished network share): skip it.
            }
        }
    }

    private Task<string> ReadAsync(string file, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(Path.Combine(options.Value.ProcPath, file), cancellationToken);

    private async Task<string?> TryReadAsync(string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.ProcPath, file);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }
}
