using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Collectors.Http;

public sealed class HttpProbeOptions : CollectorOptions
{
    public const string Section = "Collector:Collectors:HttpProbes";

    /// <summary>URLs to GET every interval; none configured means the probe collector is off.</summary>
    public List<HttpProbeTarget> Targets { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
