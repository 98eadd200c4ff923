using PerfMonitor.Collector.Collectors.Common;

namespace PerfMonitor.Collector.Collectors.Host;

public sealed class HostCollectorOptions : CollectorOptions
{
    public const string Section = "Collector:Collectors:Host";

    /// <summary>Where procfs is mounted; a container that watches its node mounts the host's /proc elsewhere.</summary>
    public string ProcPath { get; set; } = "/proc";

    /// <summary>Filesystem types left out of filesystem usage: kernel and container plumbing, not storage.</summary>
    public string[] IgnoredFilesystemTypes { get; set; } =
        ["proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf",
         "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc", "nsfs", "devtmpfs", "rpc_pipefs", "squashfs"];
}
