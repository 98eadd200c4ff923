using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

/// <summary>The scraper against a real exporter: Debian's prometheus-node-exporter on a loopback port.</summary>
public sealed class NodeExporterScrapeTests(NodeExporter exporter) : IClassFixture<NodeExporter>
{
    private readonly TargetScraper scraper = new(new HttpClient(), TimeProvider.System);

    [Fact]
    public async Task Scraped_counters_histograms_and_summaries_are_running_totals_and_gauges_have_no_temporality()
    {
        var target = new ScrapeTarget { Url = exporter.MetricsUrl, Job = "node" };

        var result = await scraper.ScrapeAsync(target, TimeSpan.FromSeconds(10), new ScrapeOptions().MaxBodyBytes, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Contains(result.Samples, s => s.Metric == "node_cpu_seconds_total");
        Assert.All(result.Samples.Where(s => s.Kind is MetricKind.Counter or MetricKind.Histogram or MetricKind.Summary),
            s => Assert.Equal(Temporality.Cumulative, s.Temporality));
        Assert.All(result.Samples.Where(s => s.Kind == MetricKind.Gauge), s => Assert.Equal(Temporality.Unspecified, s.Temporality));
    }

    [Fact]
    public async Task A_scrape_of_node_exporter_yields_valid_samples_of_every_kind_with_job_instance_and_up()
    {
        var target = new ScrapeTarget { Url = exporter.MetricsUrl, Job = "node", Labels = { ["env"] = "test" } };

        var result = await scraper.ScrapeAsync(target, TimeSpan.FromSeconds(10), new ScrapeOptions().MaxBodyBytes, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Empty(result.ParseErrors);
        Assert.True(result.Samples.Count > 100, $"only {result.Samples.Count} samples");
        var cpu = result.Samples.First(s => s.Metric == "node_cpu_seconds_total");
        Assert.Equal(MetricKind.Counter, cpu.Kind);
        Assert.Contains(cpu.Labels, l => l.Name == "mode");
        Assert.Contains(result.Samples, s => s.Metric == "node_load1" && s.Kind == MetricKind.Gauge);
        Assert.Contains(result.Samples, s => s.Metric == "go_gc_duration_seconds" && s.Kind == MetricKind.Summary && s.Labels.Any(l => l.Name == "quantile"));
        Assert.All(result.Samples, s => Assert.Equal(
            [("env", "test"), ("instance", target.Instance), ("job", "node")],
            s.Labels.Where(l => l.Name is "job" or "instance" or "env").OrderBy(l => l.Name).Select(l => (l.Name, l.Value))));
        Assert.Equal(1, result.Samples.Single(s => s.Metric == "up").Value);
        Assert.InRange(result.Samples.Single(s => s.Metric == "scrape_duration_seconds").Value, 0, 10);

        var validator = new SampleValidator(Options.Create(new IngestOptions()), TimeProvider.System);
        var refused = result.Samples.Select((s, i) => validator.Normalize(i, s)).Where(e => e is not null).ToList();
        Assert.True(refused.All(e => e!.Field == "value"), $"refused beyond NaN values: {string.Join("; ", refused.Select(e => $"{result.Samples[e!.Index].Metric} {e.Field} {e.Reason}"))}");
    }

    [Fact]
    public async Task A_target_that_does_not_answer_is_up_zero_with_the_reason()
    {
        var target = new ScrapeTarget { Url = $"http://127.0.0.1:{Embedded.FreePort.Next()}/metrics", Job = "gone" };

        var result = await scraper.ScrapeAsync(target, TimeSpan.FromSeconds(5), new ScrapeOptions().MaxBodyBytes, CancellationToken.None);

        Assert.NotNull(result.Failure);
        Assert.Equal(["up", "scrape_duration_seconds"], result.Samples.Select(s => s.Metric));
        Assert.Equal(0, result.Samples[0].Value);
    }
}
