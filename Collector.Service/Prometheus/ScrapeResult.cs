using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>One scrape: its samples (always including up and scrape_duration_seconds), why it failed if it did, and unparsable lines.</summary>
public sealed record ScrapeResult(List<Sample> Samples, string? Failure, List<string> ParseErrors, TimeSpan Duration);
