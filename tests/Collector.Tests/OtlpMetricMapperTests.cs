using Google.Protobuf;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Otlp;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.Otlp.Resource;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class OtlpMetricMapperTests
{
    private const ulong TimeNanos = 1_764_000_000_123_000_000;
    private readonly OtlpMetricMapper mapper = new(new IngestOptions());

    [Fact]
    public void A_gauge_becomes_one_sample_with_resource_scope_and_point_attributes_as_labels()
    {
        var request = Request(new Metric
        {
            Name = "process.cpu.utilization",
            Unit = "1",
            Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = 0.25, TimeUnixNano = TimeNanos, Attributes = { Attr("cpu.mode", "user") } } } },
        });

        var mapping = mapper.Map(request);

        var sample = Assert.Single(mapping.Samples);
        Assert.Equal("process_cpu_utilization", sample.Metric);
        Assert.Equal(MetricKind.Gauge, sample.Kind);
        Assert.Equal(0.25, sample.Value);
        Assert.Equal(1_764_000_000_123, sample.TimestampUnixMs);
        Assert.Equal("1", sample.Unit);
        Assert.Equal(
            [("cpu_mode", "user"), ("deployment_environment", "test"), ("library_tier", "core"), ("service", "checkout")],
            sample.Labels.Select(l => (l.Name, l.Value)));
    }

    [Theory]
    [InlineData(true, AggregationTemporality.Cumulative, MetricKind.Counter)]
    [InlineData(true, AggregationTemporality.Delta, MetricKind.Counter)]
    [InlineData(false, AggregationTemporality.Cumulative, MetricKind.Gauge)]
    [InlineData(false, AggregationTemporality.Delta, MetricKind.Gauge)]
    public void A_sum_is_a_counter_when_monotonic_and_a_gauge_otherwise(bool monotonic, AggregationTemporality temporality, MetricKind kind)
    {
        var request = Request(new Metric
        {
            Name = "http.server.active_requests",
            Sum = new Sum { IsMonotonic = monotonic, AggregationTemporality = temporality, DataPoints = { new NumberDataPoint { AsInt = 7, TimeUnixNano = TimeNanos } } },
        });

        var sample = Assert.Single(mapper.Map(request).Samples);

        Assert.Equal(kind, sample.Kind);
        Assert.Equal(7, sample.Value);
    }

    [Fact]
    public void A_histogram_becomes_count_sum_min_max_and_cumulative_buckets_with_le()
    {
        var request = Request(new Metric
        {
            Name = "http.server.request.duration",
            Unit = "s",
            Histogram = new Histogram
            {
                AggregationTemporality = AggregationTemporality.Cumulative,
                DataPoints =
                {
                    new HistogramDataPoint
                    {
                        TimeUnixNano = TimeNanos, Count = 6, Sum = 2.5, Min = 0.01, Max = 1.5,
                        ExplicitBounds = { 0.1, 1 }, BucketCounts = { 3, 2, 1 },
                    },
                },
            },
        });

        var samples = mapper.Map(request).Samples;

        Assert.All(samples, s => Assert.Equal(MetricKind.Histogram, s.Kind));
        Assert.Equal(
            [("http_server_request_duration_count", "", 6.0), ("http_server_request_duration_sum", "", 2.5), ("http_server_request_duration_min", "", 0.01),
             ("http_server_request_duration_max", "", 1.5), ("http_server_request_duration_bucket", "0.1", 3), ("http_server_request_duration_bucket", "1", 5),
             ("http_server_request_duration_bucket", "+Inf", 6)],
            samples.Select(s => (s.Metric, s.Labels.FirstOrDefault(l => l.Name == "le")?.Value ?? "", s.Value)));
    }

    [Fact]
    public void A_histogram_without_sum_min_or_max_emits_only_what_it_has()
    {
        var request = Request(new Metric
        {
            Name = "queue.wait",
            Histogram = new Histogram { DataPoints = { new HistogramDataPoint { TimeUnixNano = TimeNanos, Count = 1, BucketCounts = { 1 } } } },
        });

        Assert.Equal(["queue_wait_count", "queue_wait_bucket"], mapper.Map(request).Samples.Select(s => s.Metric));
    }

    [Fact]
    public void An_exponential_histogram_becomes_cumulative_buckets_at_powers_of_its_base()
    {
        var request = Request(new Metric
        {
            Name = "rpc.duration",
            ExponentialHistogram = new ExponentialHistogram
            {
                DataPoints =
                {
                    new ExponentialHistogramDataPoint
                    {
                        TimeUnixNano = TimeNanos, Count = 4, Sum = 7, Scale = 0, ZeroCount = 1,
                        Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 0, BucketCounts = { 1, 2 } },
                    },
                },
            },
        });

        var buckets = mapper.Map(request).Samples.Where(s => s.Metric == "rpc_duration_bucket")
            .Select(s => (s.Labels.Single(l => l.Name == "le").Value, s.Value)).ToList();

        // Scale 0 means base 2: bucket 0 is (1, 2], bucket 1 is (2, 4].
        Assert.Equal([("0", 1.0), ("2", 2.0), ("4", 4.0), ("+Inf", 4.0)], buckets);
    }

    [Fact]
    public void A_summary_becomes_count_sum_and_one_sample_per_quantile()
    {
        var request = Request(new Metric
        {
            Name = "gc.pause",
            Summary = new Summary
            {
                DataPoints =
                {
                    new SummaryDataPoint
                    {
                        TimeUnixNano = TimeNanos, Count = 10, Sum = 55,
                        QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 5 }, new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.99, Value = 9.9 } },
                    },
                },
            },
        });

        var samples = mapper.Map(request).Samples;

        Assert.All(samples, s => Assert.Equal(MetricKind.Summary, s.Kind));
        Assert.Equal(
            [("gc_pause_count", "", 10.0), ("gc_pause_sum", "", 55), ("gc_pause", "0.5", 5), ("gc_pause", "0.99", 9.9)],
            samples.Select(s => (s.Metric, s.Labels.FirstOrDefault(l => l.Name == "quantile")?.Value ?? "", s.Value)));
    }

    [Fact]
    public void Points_without_a_recorded_value_are_skipped_but_counted()
    {
        var request = Request(new Metric
        {
            Name = "m",
            Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = 1, Flags = 1 }, new NumberDataPoint { AsDouble = 2 } } },
        });

        var mapping = mapper.Map(request);

        Assert.Equal(2, mapping.Points);
        Assert.Equal([1], mapping.PointOfSample);
    }

    [Fact]
    public void Labels_are_capped_keeping_point_attributes_and_service_first()
    {
        var small = new OtlpMetricMapper(new IngestOptions { MaxLabels = 3 });
        var request = Request(new Metric
        {
            Name = "m",
            Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = 1, Attributes = { Attr("route", "/a"), Attr("method", "GET") } } } },
        });

        var sample = Assert.Single(small.Map(request).Samples);

        Assert.Equal(["method", "route", "service"], sample.Labels.Select(l => l.Name));
    }

    [Fact]
    public void The_OTLP_JSON_encoding_parses_with_string_int64s_and_camel_case_names()
    {
        const string json = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},
              "scopeMetrics":[{"scope":{"name":"my.library","version":"1.0.0"},"metrics":[
                {"name":"my.counter","unit":"1","description":"I am a Counter",
                 "sum":{"aggregationTemporality":1,"isMonotonic":true,
                   "dataPoints":[{"asDouble":5,"startTimeUnixNano":"1544712660300000000","timeUnixNano":"1544712660300000000",
                     "attributes":[{"key":"my.counter.attr","value":{"stringValue":"some value"}}],
                     "exemplars":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","asDouble":1}]}]}}]}]}]}
            """;

        var request = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true)).Parse<ExportMetricsServiceRequest>(json);
        var sample = Assert.Single(mapper.Map(request).Samples);

        Assert.Equal("my_counter", sample.Metric);
        Assert.Equal(MetricKind.Counter, sample.Kind);
        Assert.Equal(1_544_712_660_300, sample.TimestampUnixMs);
        Assert.Equal([("my_counter_attr", "some value"), ("service", "shop")], sample.Labels.Select(l => (l.Name, l.Value)));
    }

    [Theory]
    [InlineData("http.server.request.duration", "http_server_request_duration")]
    [InlineData("1st-metric/total", "_1st_metric_total")]
    [InlineData("already_fine:ok", "already_fine:ok")]
    public void Dotted_names_become_valid_metric_names(string otel, string expected) => Assert.Equal(expected, MetricNames.Metric(otel));

    private static ExportMetricsServiceRequest Request(Metric metric) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = new Resource { Attributes = { Attr("service.name", "checkout"), Attr("deployment.environment", "test") } },
                ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "lib", Attributes = { Attr("library.tier", "core") } }, Metrics = { metric } } },
            },
        },
    };

    private static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };
}
