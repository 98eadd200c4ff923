namespace PerfMonitor.Collector.Prometheus;

public sealed class ScrapeTarget
{
    public string Url { get; set; } = "";

    /// <summary>The `job` label of every sample from this target.</summary>
    public string Job { get; set; } = "prometheus";

    public TimeSpan? Interval { get; set; }

    /// <summary>Extra labels added to every sample from this target.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>The `instance` label: host:port of the URL, as Prometheus sets it.</summary>
    public string Instance => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}" : Url;
}
