using System.ComponentModel.DataAnnotations;
using PerfMonitor.Collector.Collectors.Common;

namespace PerfMonitor.Collector.Collectors.Http;

public sealed class HttpProbeOptions : CollectorOptions
{
    public const string Section = "Collector:Collectors:HttpProbes";

    /// <summary>URLs to GET every interval; none configured means the probe collector is off.</summary>
    public List<HttpProbeTarget> Targets { get; set; } = [];

    /// <summary>How long one probe may take, body included, before the target counts as down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest body a probe reads; a longer (or endless) one makes the target down for that probe.</summary>
    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;
}
