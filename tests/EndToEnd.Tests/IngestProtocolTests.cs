using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.TestSupport;
using Snappier;

namespace PerfMonitor.EndToEnd.Tests;

/// <summary>Every ingest protocol, spoken by a real client or encoded as its specification says, reaches rollups.</summary>
[Collection(SystemCollection.Name)]
[Trait("Category", "System")]
public sealed class IngestProtocolTests(SystemFixture system)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 90_000)]
    public async Task The_OpenTelemetry_SDK_exporting_OTLP_protobuf_reaches_rollups_as_counter_gauge_and_histogram()
    {
        var service = Unique("otel");
        using var meter = new Meter($"PerfMonitor.EndToEnd.{service}");
        var endpoint = new Uri(system.App.GatewayUrl, "/v1/metrics");
        using (var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(service))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Headers = $"X-Api-Key={system.App.ApiKey}";
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

            Assert.True(provider.ForceFlush(30_000), "the OTLP exporter reported a failed export");
        }

        var counter = await PointAsync("shop_orders_placed", service, p => p.GetProperty("max").GetDouble() == 7);
        var gauge = await PointAsync("shop_oven_temperature", service, p => p.GetProperty("max").GetDouble() == 212.5);
        var histogramSum = await PointAsync("shop_checkout_duration_sum", service, p => p.GetProperty("max").GetDouble() == 40);
        var histogramCount = await PointAsync("shop_checkout_duration_count", service, p => p.GetProperty("max").GetDouble() == 2);
        var overflowBucket = await PointAsync("shop_checkout_duration_bucket", service, p => p.GetProperty("max").GetDouble() == 2, "le:+Inf");
        Assert.Equal(7, counter.GetProperty("max").GetDouble());
        Assert.Equal(212.5, gauge.GetProperty("avg").GetDouble());
        Assert.Equal(40, histogramSum.GetProperty("max").GetDouble());
        Assert.Equal(2, histogramCount.GetProperty("max").GetDouble());
        Assert.Equal(2, overflowBucket.GetProperty("max").GetDouble());
    }

    [Fact(Timeout = 120_000)]
    public async Task OTLP_JSON_is_accepted_and_a_refused_point_comes_back_as_partial_success()
    {
        var service = Unique("json");
        var nowNanos = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = $$$"""
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{service}}}"}}]},
              "scopeMetrics":[{"scope":{"name":"my.library","version":"1.0.0"},"metrics":[
                {"name":"my.counter","unit":"1","description":"I am a Counter",
                 "sum":{"aggregationTemporality":1,"isMonotonic":true,
                   "dataPoints":[{"asDouble":5,"startTimeUnixNano":"{{{nowNanos}}}","timeUnixNano":"{{{nowNanos}}}",
                     "attributes":[{"key":"my.counter.attr","value":{"stringValue":"some value"}}]}]}},
                {"name":"my.gauge","unit":"1","gauge":{"dataPoints":[
                   {"asDouble":"NaN","timeUnixNano":"{{{nowNanos}}}"},
                   {"asInt":"12","timeUnixNano":"{{{nowNanos}}}"}]}}]}]}]}
            """;

        var response = await system.Gateway.PostAsync("/v1/metrics", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var partial = body.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedDataPoints").GetString());
        Assert.Contains("my_gauge: value must be a finite number", partial.GetProperty("errorMessage").GetString());
        await PointAsync("my_counter", service, p => p.GetProperty("max").GetDouble() == 5, "my_counter_attr:some value");
        await PointAsync("my_gauge", service, p => p.GetProperty("max").GetDouble() == 12);
    }

    [Fact(Timeout = 120_000)]
    public async Task Garbage_OTLP_gets_400_with_a_status_message_in_the_request_encoding()
    {
        var garbage = new ByteArrayContent([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");

        var response = await system.Gateway.PostAsync("/v1/metrics", garbage);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var status = Contracts.Otlp.Rpc.Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("not a valid OTLP", status.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_remote_write_request_encoded_as_the_specification_says_reaches_rollups()
    {
        var instance = Unique("node");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var write = new WriteRequest
        {
            Timeseries =
            {
                new TimeSeries
                {
                    Labels = { new Label { Name = "__name__", Value = "node_load1" }, new Label { Name = "instance", Value = instance }, new Label { Name = "job", Value = "node" } },
                    Samples = { new Sample { Value = 0.5, Timestamp = now - 1_000 }, new Sample { Value = 1.5, Timestamp = now } },
                },
            },
        };

        var response = await system.Gateway.PostAsync("/api/v1/write", RemoteWriteBody(Snappy.CompressToArray(write.ToByteArray())));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var point = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric=node_load1&labels=instance:{instance}&step=1m"),
            body => body.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("count").GetInt64()) == 2,
            Freshness, "both remote-written samples");
        Assert.Equal(1.5, point.GetProperty("points").EnumerateArray().Max(p => p.GetProperty("max").GetDouble()));
    }

    [Fact(Timeout = 120_000)]
    public async Task Remote_write_that_is_not_snappy_protobuf_gets_400_so_Prometheus_does_not_retry()
    {
        var response = await system.Gateway.PostAsync("/api/v1/write", RemoteWriteBody(Encoding.UTF8.GetBytes("definitely not snappy")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("snappy", await response.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task Gzip_JSON_samples_are_accepted()
    {
        var service = Unique("gzip");
        var json = JsonSerializer.SerializeToUtf8Bytes(new { samples = new[] { new { metric = "gzip_bytes_sent", labels = new Dictionary<string, string> { ["service"] = service }, value = 42.0 } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/samples") { Content = Gzip(json, "application/json") };

        var response = await system.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await PointAsync("gzip_bytes_sent", service, p => p.GetProperty("max").GetDouble() == 42);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_gzip_body_that_inflates_past_the_limit_gets_413_problem_details()
    {
        // 16 MiB + 1 of spaces compresses to about 16 KiB: the limit must hold for what the decoder would see.
        var inflated = new byte[16 * 1024 * 1024 + 1];
        Array.Fill(inflated, (byte)' ');
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/samples") { Content = Gzip(inflated, "application/json") };

        var response = await system.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("body", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_body_that_is_not_JSON_gets_415_naming_the_content_type()
    {
        var response = await system.Gateway.PostAsync("/api/v1/samples", new StringContent("metric=1", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Content-Type", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task PerfMonitor_monitors_itself_its_services_export_OTLP_metrics_to_the_collector()
    {
        // The SDK's default export interval is 60 s, so the first export may take that long after start-up.
        var series = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>("/api/v1/series?metric=http_server_request_duration_count&labels=service:gateway"),
            body => body.GetProperty("series").GetArrayLength() > 0,
            TimeSpan.FromSeconds(100), "the gateway's own request-duration histogram, exported over OTLP");

        var labels = series.GetProperty("series")[0].GetProperty("labels");
        Assert.Equal("gateway", labels.GetProperty("service").GetString());
        Assert.True(labels.TryGetProperty("http_request_method", out _), $"labels: {labels}");
    }

    private async Task<JsonElement> PointAsync(string metric, string service, Func<JsonElement, bool> matches, string? extraLabel = null)
    {
        var labels = Uri.EscapeDataString(extraLabel is null ? $"service:{service}" : $"service:{service},{extraLabel}");
        var rollup = await Eventually.GetAsync(
            () => system.Gateway.GetFromJsonAsync<JsonElement>($"/api/v1/rollups?metric={metric}&labels={labels}&step=1m"),
            body => body.GetProperty("points").EnumerateArray().Any(matches),
            Freshness, $"a rollup point of {metric} for {service}");
        return rollup.GetProperty("points").EnumerateArray().First(matches);
    }

    private static ByteArrayContent RemoteWriteBody(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        return content;
    }

    private static ByteArrayContent Gzip(byte[] body, string mediaType)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];
}
