using System.Diagnostics.Metrics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;
using OtlpMetric = PerfMonitor.Contracts.Otlp.Metrics.Metric;
using OtlpResource = PerfMonitor.Contracts.Otlp.Resource.Resource;

namespace PerfMonitor.Collector.Tests;

/// <summary>OTLP/gRPC on the collector's gRPC endpoint, spoken by the OpenTelemetry .NET SDK and, for what it never sends, as raw bytes.</summary>
public sealed class OtlpGrpcReceiverTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private CollectorHost collector = null!;

    public async Task InitializeAsync() => collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Fact(Timeout = 90_000)]
    public async Task The_OpenTelemetry_SDK_exporting_OTLP_gRPC_delivers_counter_gauge_and_histogram_points_to_Kafka()
    {
        var run = Run();
        using var meter = new Meter($"PerfMonitor.Collector.Tests.{run}");
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("otlp-grpc-test").AddAttributes([new("run", run)]))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = collector.GrpcUrl;
                exporter.Protocol = OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build())
        {
            var orders = meter.CreateCounter<long>("shop.orders.placed", "{order}");
            var temperature = meter.CreateGauge<double>("shop.oven.temperature", "Cel");
            var latency = meter.CreateHistogram<double>("shop.checkout.duration", "ms");
            orders.Add(3);
            orders.Add(4);
            temperature.Record(212.5);
            latency.Record(10);
            latency.Record(30);

            Assert.True(provider.ForceFlush(30_000), "the OTLP/gRPC exporter reported a failed export");
        }

        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal(7, Value(published, "shop_orders_placed"));
        Assert.All(published.Where(s => s.Metric == "shop_orders_placed"), s => Assert.Equal(MetricKind.Counter, s.Kind));
        Assert.Equal(212.5, Value(published, "shop_oven_temperature"));
        Assert.Equal(40, Value(published, "shop_checkout_duration_sum"));
        Assert.Equal(2, Value(published, "shop_checkout_duration_count"));
        Assert.Equal(2, Value(published, "shop_checkout_duration_bucket", ("le", "+Inf")));
        Assert.Equal("otlp-grpc-test", published.First().Labels.Single(l => l.Name == "service").Value);
    }

    [Fact(Timeout = 90_000)]
    public async Task An_invalid_point_comes_back_as_partial_success_and_the_valid_point_of_the_request_is_published()
    {
        var run = Run();
        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl);

        var response = await ExportAsync(channel, Request(run, double.NaN, 12));

        Assert.Equal(1, response.PartialSuccess.RejectedDataPoints);
        Assert.Contains("oven_temperature: value must be a finite number", response.PartialSuccess.ErrorMessage);
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal(12, Assert.Single(published).Value);
    }

    [Fact(Timeout = 90_000)]
    public async Task Garbage_is_INVALID_ARGUMENT_and_the_next_request_on_the_connection_is_accepted_in_full()
    {
        var run = Run();
        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl);

        var error = await Assert.ThrowsAsync<RpcException>(() => ExportRawAsync(channel, [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
        var response = await ExportAsync(channel, Request(run, 1, 2));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not a valid OTLP ExportMetricsServiceRequest", error.Status.Detail);
        Assert.Null(response.PartialSuccess);
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal([1, 2], published.Select(s => s.Value).Order());
    }

    private static async Task<ExportMetricsServiceResponse> ExportAsync(GrpcChannel channel, ExportMetricsServiceRequest request) =>
        ExportMetricsServiceResponse.Parser.ParseFrom(await ExportRawAsync(channel, request.ToByteArray()));

    private static async Task<byte[]> ExportRawAsync(GrpcChannel channel, byte[] message) =>
        await channel.CreateCallInvoker().AsyncUnaryCall(RawGrpc.OtlpExport, null, new CallOptions(deadline: DateTime.UtcNow + CallTimeout), message);

    private static ExportMetricsServiceRequest Request(string run, params double[] values)
    {
        var timeNanos = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var gauge = new Gauge();
        foreach (var (value, index) in values.Select((v, i) => (v, i)))
        {
            gauge.DataPoints.Add(new NumberDataPoint
            {
                AsDouble = value,
                TimeUnixNano = timeNanos,
                Attributes = { new KeyValue { Key = "oven", Value = new AnyValue { StringValue = $"oven-{index}" } } },
            });
        }
        var resource = new OtlpResource { Attributes = { new KeyValue { Key = "run", Value = new AnyValue { StringValue = run } } } };
        return new ExportMetricsServiceRequest
        {
            ResourceMetrics = { new ResourceMetrics { Resource = resource, ScopeMetrics = { new ScopeMetrics { Metrics = { new OtlpMetric { Name = "oven.temperature", Gauge = gauge } } } } } },
        };
    }

    // The SDK exports cumulative values on ForceFlush and again on shutdown: every export must carry the same value.
    private static double Value(List<Sample> samples, string metric, (string Name, string Value)? label = null) => samples
        .Where(s => s.Metric == metric && (label is not { } l || s.Labels.Any(x => x.Name == l.Name && x.Value == l.Value)))
        .Select(s => s.Value)
        .Distinct()
        .Single();

    private static string Run() => Guid.NewGuid().ToString("N");
}
