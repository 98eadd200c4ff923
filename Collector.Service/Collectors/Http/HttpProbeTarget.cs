using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Collector.Collectors.Http;

public sealed class HttpProbeTarget
{
    /// <summary>The <c>target</c> label; the URL's host and port when not set.</summary>
    public string? Name { get; set; }

    [Required]
    public Uri? Url { get; set; }
}
