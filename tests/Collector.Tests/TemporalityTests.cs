using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Net.Client;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;
using Snappier;
using Sample = PerfMonitor.Contracts.V1.Sample;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// Each receiver stamps what a counter's values mean (samples.proto field 8) where its protocol says it: OTLP sums and
/// histograms by their aggregation temporality, Prometheus remote write as running totals, JSON and gRPC Push as the
/// client sent it. Read back from the samples topic, as Analytics sees them.
/// </summary>
public sealed class TemporalityTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private CollectorHost collector = null!;

    public async Task InitializeAsync() => collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Theory(Timeout = 90_000)]
    [InlineData(OtlpExportProtocol.Grpc, MetricReaderTemporalityPreference.Delta, Temporality.Delta)]
    [InlineData(OtlpExportProtocol.Grpc, MetricReaderTemporalityPreference.Cumulative, Temporality.Cumulative)]
    [InlineData(OtlpExportProtocol.HttpProtobuf, MetricReaderTemporalityPreference.Delta, Temporality.Delta)]
    [InlineData(OtlpExportProtocol.HttpProtobuf, MetricReaderTemporalityPreference.Cumulative, Temporality.Cumulative)]
    public async Task The_OpenTelemetry_SDK_s_counters_and_histograms_keep_their_temporality_and_gauges_have_none(
        OtlpExportProtocol protocol, MetricReaderTemporalityPreference preference, Temporality expected)
    {
        var run = Run();
        using var meter = new Meter($"PerfMonitor.Collector.Tests.Temporality.{run}");
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("temporality-test").AddAttributes([new("run", run)]))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = protocol;
                exporter.Endpoint = protocol == OtlpExportProtocol.Grpc ? collector.GrpcUrl : new Uri(collector.HttpUrl, "/v1/metrics");
                reader.TemporalityPreference = preference;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build())
        {
            meter.CreateCounter<long>("shop.orders.placed", "{order}").Add(3);
            meter.CreateHistogram<double>("shop.checkout.duration", "ms").Record(10);
            meter.CreateGauge<double>("shop.oven.temperature", "Cel").Record(212.5);

            Assert.True(provider.ForceFlush(30_000), "the OTLP exporter reported a failed export");
        }

        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.All(published.Where(s => s.Metric == "shop_orders_placed"), s => Assert.Equal(expected, s.Temporality));
        var histogram = published.Where(s => s.Metric.StartsWith("shop_checkout_duration_", StringComparison.Ordinal)).ToList();
        Assert.Contains(histogram, s => s.Metric == "shop_checkout_duration_bucket");
        Assert.All(histogram, s => Assert.Equal(expected, s.Temporality));
        Assert.All(published.Where(s => s.Metric == "shop_oven_temperature"), s => Assert.Equal(Temporality.Unspecified, s.Temporality));
        Assert.Contains(published, s => s.Metric == "shop_orders_placed");
    }

    [Fact(Timeout = 90_000)]
    public async Task Prometheus_remote_write_samples_are_running_totals()
    {
        var run = Run();
        var series = new TimeSeries { Samples = { new Contracts.Prometheus.Sample { Value = 42, Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } } };
        series.Labels.Add(new Contracts.Prometheus.Label { Name = "__name__", Value = "http_requests_total" });
        series.Labels.Add(new Contracts.Prometheus.Label { Name = "run", Value = run });
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new ByteArrayContent(Snappy.CompressToArray(new WriteRequest { Timeseries = { series } }.ToByteArray()));
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");

        var response = await http.PostAsync("/api/v1/write", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal(Temporality.Cumulative, Assert.Single(published).Temporality);
    }

    [Fact(Timeout = 90_000)]
    public async Task JSON_samples_carry_the_temporality_the_client_sent()
    {
        var run = Run();
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var response = await http.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = new object[]
            {
                new { metric = "json_orders_total", labels = new { run, sent = "delta" }, value = 1, kind = "counter", temporality = "delta" },
                new { metric = "json_orders_total", labels = new { run, sent = "cumulative" }, value = 9, kind = "counter", temporality = "Cumulative" },
                new { metric = "json_orders_total", labels = new { run, sent = "none" }, value = 9, kind = "counter" },
            },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal(
            [("cumulative", Temporality.Cumulative), ("delta", Temporality.Delta), ("none", Temporality.Unspecified)],
            published.Select(s => (s.Labels.Single(l => l.Name == "sent").Value, s.Temporality)).Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_JSON_sample_with_an_unknown_temporality_is_refused_naming_the_field()
    {
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new StringContent("""{"samples":[{"metric":"json_orders_total","value":1,"temporality":"sometimes"}]}""", Encoding.UTF8, "application/json");

        var response = await http.PostAsync("/api/v1/samples", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("temporality", error.GetProperty("field").GetString());
        Assert.Equal("must be one of cumulative, delta", error.GetProperty("reason").GetString());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_gRPC_Push_passes_the_client_s_temporality_through()
    {
        var run = Run();
        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl);
        using var push = new Ingest.IngestClient(channel).Push(deadline: DateTime.UtcNow.AddSeconds(30));
        var delta = new Sample { Metric = "grpc_orders_total", Value = 1, Kind = MetricKind.Counter, Temporality = Temporality.Delta, Labels = { new Contracts.V1.Label { Name = "run", Value = run } } };

        await push.RequestStream.WriteAsync(new SampleBatch { Samples = { delta } });
        await push.RequestStream.CompleteAsync();
        var result = await push;

        Assert.Equal(1, result.Accepted);
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal(Temporality.Delta, Assert.Single(published).Temporality);
    }

    private static string Run() => Guid.NewGuid().ToString("N");
}
