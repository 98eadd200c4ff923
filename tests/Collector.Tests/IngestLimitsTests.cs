using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.Otlp.Resource;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.TestSupport;
using Snappier;

namespace PerfMonitor.Collector.Tests;

/// <summary>The ingest limits through the real receivers: what an attacker repeats is counted, and what an honest large sender sends still passes.</summary>
public sealed class IngestLimitsTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private CollectorHost collector = null!;

    public async Task InitializeAsync() => collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task A_JSON_label_repeated_thousands_of_times_counts_every_time_and_refuses_its_sample()
    {
        var labels = string.Join(",", Enumerable.Repeat("\"host\":\"h1\"", 5_000));
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new StringContent($$"""{"samples":[{"metric":"repeated_label_test","labels":{{{labels}}},"value":1}]}""", Encoding.UTF8, "application/json");

        var response = await http.PostAsync("/api/v1/samples", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("has 5000 labels; at most 32 are allowed", error.GetProperty("reason").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_large_honest_remote_write_within_the_limits_is_accepted_whole()
    {
        var run = Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = new WriteRequest();
        for (var i = 0; i < 20_000; i++)
        {
            var series = new TimeSeries { Samples = { new Contracts.Prometheus.Sample { Value = i, Timestamp = now } } };
            series.Labels.Add(new Contracts.Prometheus.Label { Name = "__name__", Value = $"honest_remote_write_{i % 10}" });
            series.Labels.Add(new Contracts.Prometheus.Label { Name = "run", Value = run });
            series.Labels.Add(Enumerable.Range(0, 8).Select(l => new Contracts.Prometheus.Label { Name = $"label_{l}", Value = $"value-{i}-{l}" }));
            write.Timeseries.Add(series);
        }
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new ByteArrayContent(Snappy.CompressToArray(write.ToByteArray()));
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");

        var response = await http.PostAsync("/api/v1/write", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_large_honest_OTLP_export_of_histograms_within_the_limits_is_accepted_without_partial_success()
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        for (var p = 0; p < 1_000; p++)
        {
            var point = new HistogramDataPoint { Count = 20, Sum = 100, TimeUnixNano = now };
            point.BucketCounts.Add(Enumerable.Repeat(1UL, 20));
            point.ExplicitBounds.Add(Enumerable.Range(1, 19).Select(b => (double)b));
            point.Attributes.Add(Enumerable.Range(0, 8).Select(a => new KeyValue { Key = $"attr.{a}", Value = new AnyValue { StringValue = $"value-{p % 100}-{a}" } }));
            histogram.DataPoints.Add(point);
        }
        var request = new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "honest" } } } },
                    ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = "honest.request.duration", Histogram = histogram } } } },
                },
            },
        };
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new("application/x-protobuf");

        var response = await http.PostAsync("/v1/metrics", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).PartialSuccess);
    }
}
