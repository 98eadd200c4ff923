using System.IO.Compression;
using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;
using Snappier;
using Xunit.Abstractions;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// Requests that are tiny on the wire and huge in memory, on every protocol, through the real receivers: each is
/// refused (or, for OTLP, partly refused) with its protocol's answer while the process allocates a small part of
/// what parsing and mapping it whole would. Allocation is the whole process's, around the one call, with no other
/// test running; the bound is far from both what a refusal costs (tens of MB) and what a parse costs (gigabytes).
/// </summary>
[Collection(nameof(AllocationMeasured))]
public sealed class RequestMemoryTests(KafkaFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaFixture>, IAsyncLifetime
{
    private const long Bound = 250L << 20;
    private CollectorHost collector = null!;

    public async Task InitializeAsync() => collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);

    public async Task DisposeAsync() => await collector.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task Five_million_empty_JSON_samples_are_refused_with_413_before_they_are_made()
    {
        var body = Encoding.UTF8.GetBytes("{\"samples\":[" + string.Join(",", Enumerable.Repeat("{}", 5_000_000)) + "]}");
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var (response, allocated) = await AllocationMeasured.MeasureAsync(() => http.PostAsync("/api/v1/samples", Json(body)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Ingest:MaxSamplesPerRequest", await response.Content.ReadAsStringAsync());
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_remote_write_of_millions_of_empty_series_is_refused_with_413_before_it_is_parsed()
    {
        var write = Wire.Repeat(Wire.Field(WriteRequest.TimeseriesFieldNumber, []), 7_500_000);
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var (response, allocated) = await AllocationMeasured.MeasureAsync(() => http.PostAsync("/api/v1/write", RemoteWrite(write)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Ingest:MaxParsedBytesPerRequest", await response.Content.ReadAsStringAsync());
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_remote_write_series_with_thousands_of_labels_is_refused_without_copying_them_into_each_sample()
    {
        var series = new TimeSeries { Labels = { new Contracts.Prometheus.Label { Name = "__name__", Value = "wide_series" } } };
        series.Labels.Add(Enumerable.Range(0, 5_000).Select(i => new Contracts.Prometheus.Label { Name = $"l{i:D4}", Value = "v" }));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        series.Samples.Add(Enumerable.Range(0, 10_000).Select(i => new Contracts.Prometheus.Sample { Value = i, Timestamp = now }));
        var write = new WriteRequest { Timeseries = { series } }.ToByteArray();
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var (response, allocated) = await AllocationMeasured.MeasureAsync(() => http.PostAsync("/api/v1/write", RemoteWrite(write)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("10000 of 10000 samples refused", await response.Content.ReadAsStringAsync());
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_OTLP_HTTP_request_of_millions_of_empty_data_points_is_refused_with_413_before_it_is_parsed()
    {
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new ByteArrayContent(EmptyPoints(3_900_000));
        content.Headers.ContentType = new("application/x-protobuf");

        var (response, allocated) = await AllocationMeasured.MeasureAsync(() => http.PostAsync("/v1/metrics", content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = Google.Rpc.Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((int)StatusCode.ResourceExhausted, status.Code);
        Assert.Contains("Ingest:MaxParsedBytesPerRequest", status.Message);
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_OTLP_histogram_of_a_million_buckets_is_refused_as_a_partial_success_without_making_its_samples()
    {
        var point = new HistogramDataPoint { Count = 1, TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000 };
        point.BucketCounts.Add(new ulong[1_000_000]);
        var request = OtlpRequest(new Metric { Name = "wide_histogram", Histogram = new Histogram { DataPoints = { point } } }).ToByteArray();
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new("application/x-protobuf");

        var (response, allocated) = await AllocationMeasured.MeasureAsync(() => http.PostAsync("/v1/metrics", content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, answer.PartialSuccess.RejectedDataPoints);
        Assert.Contains("Ingest:MaxSamplesPerRequest", answer.PartialSuccess.ErrorMessage);
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_OTLP_gRPC_message_of_millions_of_empty_data_points_is_RESOURCE_EXHAUSTED_before_it_is_parsed()
    {
        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl, new GrpcChannelOptions { MaxSendMessageSize = null });
        var invoker = channel.CreateCallInvoker();
        var request = EmptyPoints(3_900_000);

        var (error, allocated) = await AllocationMeasured.MeasureAsync(() =>
            Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(RawGrpc.OtlpExport, null, new CallOptions(), request).ResponseAsync));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Ingest:MaxParsedBytesPerRequest", error.Status.Detail);
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gRPC_Push_message_of_two_million_empty_samples_is_RESOURCE_EXHAUSTED_before_it_is_parsed()
    {
        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl);
        var batch = Wire.Repeat(Wire.Field(SampleBatch.SamplesFieldNumber, []), 2_000_000);

        var (error, allocated) = await AllocationMeasured.MeasureAsync(() => Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var push = channel.CreateCallInvoker().AsyncClientStreamingCall(RawGrpc.IngestPush, null, new CallOptions());
            await push.RequestStream.WriteAsync(batch);
            await push.RequestStream.CompleteAsync();
            await push.ResponseAsync;
        }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Ingest:MaxSamplesPerRequest", error.Status.Detail);
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gzip_JSON_body_that_inflates_past_the_body_limit_is_refused_with_413_as_it_inflates()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[100 << 20]);
        }
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        var content = Json(compressed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");

        var (response, allocated) = await AllocationMeasured.MeasureAsync(() => http.PostAsync("/api/v1/samples", content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertWithinBound(allocated);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gzip_gRPC_Push_message_that_inflates_past_the_message_limit_is_RESOURCE_EXHAUSTED()
    {
        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl);
        var batch = Wire.Repeat(Wire.Field(SampleBatch.SamplesFieldNumber, []), 100_000_000);
        var compressed = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var (error, allocated) = await AllocationMeasured.MeasureAsync(() => Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var push = channel.CreateCallInvoker().AsyncClientStreamingCall(RawGrpc.IngestPush, null, new CallOptions(compressed));
            await push.RequestStream.WriteAsync(batch);
            await push.RequestStream.CompleteAsync();
            await push.ResponseAsync;
        }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        AssertWithinBound(allocated);
    }

    /// <summary>An OTLP request of one gauge whose points are all empty but for the no-recorded-value flag: four bytes each.</summary>
    private static byte[] EmptyPoints(int count)
    {
        var point = Wire.Field(Gauge.DataPointsFieldNumber, new NumberDataPoint { Flags = 1 }.ToByteArray());
        var metric = new Metric { Name = "empty_points" }.ToByteArray().Concat(Wire.Field(Metric.GaugeFieldNumber, Wire.Repeat(point, count))).ToArray();
        var scope = Wire.Field(ScopeMetrics.MetricsFieldNumber, metric);
        var resource = Wire.Field(ResourceMetrics.ScopeMetricsFieldNumber, scope);
        return Wire.Field(ExportMetricsServiceRequest.ResourceMetricsFieldNumber, resource);
    }

    private static ExportMetricsServiceRequest OtlpRequest(Metric metric) => new()
    {
        ResourceMetrics = { new ResourceMetrics { ScopeMetrics = { new ScopeMetrics { Metrics = { metric } } } } },
    };

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static ByteArrayContent RemoteWrite(byte[] write)
    {
        var content = new ByteArrayContent(Snappy.CompressToArray(write));
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        return content;
    }

    private void AssertWithinBound(long allocated)
    {
        output.WriteLine($"allocated {allocated >> 20} MiB around the call");
        Assert.True(allocated < Bound, $"the process allocated {allocated >> 20} MiB around the call; the bound is {Bound >> 20} MiB");
    }
}
