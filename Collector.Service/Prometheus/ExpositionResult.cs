namespace PerfMonitor.Collector.Prometheus;

/// <summary>What a scrape body held: its samples, and the lines that could not be parsed.</summary>
public sealed class ExpositionResult
{
    public List<ExposedSample> Samples { get; } = [];

    public List<string> Errors { get; } = [];
}
