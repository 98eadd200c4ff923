using System.Net;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;
using Snappier;
using Label = PerfMonitor.Contracts.V1.Label;
using Sample = PerfMonitor.Contracts.V1.Sample;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// A series checked, normalised and encoded once for all its samples (remote write) refuses, normalises and encodes
/// each sample exactly as validating and encoding that sample whole does; through the receiver, every valid sample is
/// published once and every invalid one refused, on a series' first request and on the next, served from the cache.
/// </summary>
public sealed class PreparedSeriesTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private readonly SampleValidator validator = new(Options.Create(new IngestOptions { MaxLabels = 3, MaxLabelValueLength = 16 }), new FixedClock(Now));

    public static TheoryData<string, string[]> Series => new()
    {
        { "http_requests_total", ["route", "/a", "method", "GET", "code", "200"] },
        { "up", [] },
        { "9lives", ["job", "node"] },
        { "has space", [] },
        { "m", ["bad-name", "x"] },
        { "m", ["a", "1", "a", "2"] },
        { "m", ["a", new string('x', 17)] },
        { "m", ["a", "1", "b", "2", "c", "3", "d", "4"] },
        { "m_" + new string('x', 199), [] },
    };

    [Theory]
    [MemberData(nameof(Series))]
    public void A_prepared_series_refuses_and_normalises_a_sample_as_the_validator_does_the_whole_sample(string metric, string[] pairs)
    {
        var labels = Enumerable.Range(0, pairs.Length / 2).Select(i => new Label { Name = pairs[2 * i], Value = pairs[(2 * i) + 1] }).ToList();
        var timestamp = Now.ToUnixTimeMilliseconds() - 1_000;
        var whole = new Sample { Metric = metric, Value = 2.5, TimestampUnixMs = timestamp, Temporality = Temporality.Cumulative };
        whole.Labels.AddRange(labels);
        var expected = validator.Normalize(7, whole);

        var series = validator.Prepare(metric, labels, Temporality.Cumulative);
        var sample = series.NewSample(2.5, timestamp);
        var error = series.RefusalAt(7) ?? validator.CheckPoint(7, sample);

        Assert.Equal(expected, error);
        Assert.Equal(expected is not null, series.Refused);
        if (expected is null)
        {
            Assert.Equal(whole, sample);
            Assert.Equal(whole.ToByteArray(), Encoded(series.Encoding!, sample));
        }
    }

    [Theory]
    [InlineData(0.5, 1_764_990_000_000L)]
    [InlineData(0d, 1_764_990_000_000L)]
    [InlineData(-0d, 1L)]
    [InlineData(-3.25e300, 0L)]
    [InlineData(double.NaN, -5L)]
    [InlineData(1d, long.MaxValue)]
    public void A_sample_of_a_prepared_series_encodes_byte_for_byte_as_protobuf_does(double value, long timestamp)
    {
        // A label longer than 127 bytes, so its length prefix takes two bytes.
        var labels = new[] { new Label { Name = "room", Value = "Küche" }, new Label { Name = "floor", Value = new string('y', 150) } };
        var series = new SampleValidator(Options.Create(new IngestOptions()), new FixedClock(Now)).Prepare("temperature", labels, Temporality.Cumulative);
        var sample = series.NewSample(value, timestamp);

        Assert.Equal(sample.ToByteArray(), Encoded(series.Encoding!, sample));
        Assert.Equal(sample.CalculateSize(), series.Encoding!.SizeOf(value, timestamp));
    }

    [Fact]
    public void A_batch_mixing_samples_with_and_without_a_series_encoding_encodes_as_protobuf_does()
    {
        var series = validator.Prepare("up", [new Label { Name = "job", Value = "node" }], Temporality.Cumulative);
        var batch = new SampleBatch();
        batch.Samples.Add(series.NewSample(1, 5));
        batch.Samples.Add(new Sample { Metric = "other", Value = 2, Labels = { new Label { Name = "v", Value = new string('z', 200) } } });
        batch.Samples.Add(series.NewSample(0, 6));

        var encoded = SampleProducer.EncodeWithin(batch, [series.Encoding, null, series.Encoding], int.MaxValue);

        Assert.Equal(batch.ToByteArray(), encoded);
        Assert.Null(SampleProducer.EncodeWithin(batch, [series.Encoding, null, series.Encoding], batch.CalculateSize() - 1));
    }

    [Fact(Timeout = 90_000)]
    public async Task Remote_write_publishes_each_valid_sample_once_and_refuses_the_rest_on_a_first_and_a_cached_request()
    {
        var run = Guid.NewGuid().ToString("N");
        await using var collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var first = await PostAsync(http, Write(run, now - 2));
        var cached = await PostAsync(http, Write(run, now - 1));

        foreach (var (status, body) in new[] { first, cached })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.StartsWith("2 of 4 samples refused (2 accepted)", body, StringComparison.Ordinal);
            Assert.Contains("labels.bad-name", body, StringComparison.Ordinal);
            Assert.Contains("value must be a finite number", body, StringComparison.Ordinal);
        }
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        Assert.Equal(
            [("node_load1", 1d, now - 2), ("node_load1", 1d, now - 1), ("node_load5", 5d, now - 2), ("node_load5", 5d, now - 1)],
            published.Select(s => (s.Metric, s.Value, s.TimestampUnixMs)).Order());
        Assert.All(published, s =>
        {
            Assert.Equal(["instance", "job", "run"], s.Labels.Select(l => l.Name));
            Assert.Equal(PerfMonitor.Contracts.SeriesId.Compute(s.Metric, s.Labels), s.SeriesId);
            Assert.Equal((MetricKind.Gauge, Temporality.Cumulative), (s.Kind, s.Temporality));
        });
    }

    private static byte[] Encoded(SeriesEncoding encoding, Sample sample)
    {
        var bytes = new byte[encoding.SizeOf(sample.Value, sample.TimestampUnixMs)];
        encoding.WriteTo(bytes, sample.Value, sample.TimestampUnixMs);
        return bytes;
    }

    /// <summary>Two valid series (labels out of order), one with a bad label name, and a NaN sample of a valid series.</summary>
    private static WriteRequest Write(string run, long timestamp)
    {
        TimeSeries Series(string metric, double value, params (string Name, string Value)[] labels)
        {
            var series = new TimeSeries { Samples = { new Contracts.Prometheus.Sample { Value = value, Timestamp = timestamp } } };
            series.Labels.Add(new Contracts.Prometheus.Label { Name = "job", Value = "node" });
            series.Labels.Add(new Contracts.Prometheus.Label { Name = "__name__", Value = metric });
            series.Labels.Add(new Contracts.Prometheus.Label { Name = "run", Value = run });
            series.Labels.AddRange(labels.Select(l => new Contracts.Prometheus.Label { Name = l.Name, Value = l.Value }));
            return series;
        }
        return new WriteRequest
        {
            Timeseries =
            {
                Series("node_load1", 1, ("instance", "db1:9100")),
                Series("node_load5", 5, ("instance", "db1:9100")),
                Series("node_load15", 15, ("bad-name", "x")),
                Series("node_load1", double.PositiveInfinity, ("instance", "db2:9100")),
            },
        };
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, WriteRequest write)
    {
        using var content = new ByteArrayContent(Snappy.CompressToArray(write.ToByteArray()));
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var response = await http.PostAsync("/api/v1/write", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
