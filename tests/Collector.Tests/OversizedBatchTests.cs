using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;
using Snappier;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// Batches larger than one Kafka record (librdkafka's message.max.bytes, 1,000,000 by default) through the real
/// receivers into the embedded broker: every accepted sample arrives, in records under the limit, and nothing waits
/// in the spool; a sample that alone exceeds a record is refused by index.
/// </summary>
public sealed class OversizedBatchTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private const int MessageMaxBytes = 1_000_000;
    private const int Partition = 3;

    /// <summary>About 1.4 MB of encoded samples, every one for the same partition.</summary>
    private const int Count = 4_000;
    private const int PadLength = 256;

    [Fact(Timeout = 120_000)]
    public async Task An_oversized_JSON_batch_reaches_Kafka_whole_in_several_records_each_under_the_message_limit()
    {
        await using var collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);
        var (run, samples) = LargerThanOneRecord("oversized_json");
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var response = await TestSamples.PostJsonAsync(http, samples);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Count, body.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.RootElement.GetProperty("rejected").GetInt32());
        AssertPublishedWhole(collector, run);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_oversized_remote_write_request_reaches_Kafka_whole_in_several_records_each_under_the_message_limit()
    {
        await using var collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);
        var (run, samples) = LargerThanOneRecord("oversized_remote_write");
        var write = new WriteRequest();
        foreach (var sample in samples)
        {
            var series = new TimeSeries { Samples = { new Contracts.Prometheus.Sample { Value = sample.Value, Timestamp = sample.TimestampUnixMs } } };
            series.Labels.Add(new Contracts.Prometheus.Label { Name = "__name__", Value = sample.Metric });
            series.Labels.Add(sample.Labels.Select(l => new Contracts.Prometheus.Label { Name = l.Name, Value = l.Value }));
            write.Timeseries.Add(series);
        }
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        using var content = new ByteArrayContent(Snappy.CompressToArray(Google.Protobuf.MessageExtensions.ToByteArray(write)));
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");

        var response = await http.PostAsync("/api/v1/write", content);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        AssertPublishedWhole(collector, run);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_sample_larger_than_a_Kafka_record_is_refused_by_index_and_the_rest_of_its_batch_is_published()
    {
        await using var collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None,
            new Dictionary<string, string> { ["Collector:Publishing:MessageMaxBytes"] = "4096" });
        var run = Guid.NewGuid().ToString("N");
        var small = TestSamples.ForPartition("one_sample_too_large", run, Partition, 2);
        // Within every validation limit (31 labels of 200 characters), but about 7 KB: more than a 4,096-byte record holds.
        var huge = TestSamples.ForPartition("one_sample_too_large_wide", run, Partition, 1)[0];
        huge.Labels.Add(Enumerable.Range(0, 29).Select(i => new Contracts.V1.Label { Name = $"wide{i:D2}", Value = new string('w', 200) }));
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var response = await TestSamples.PostJsonAsync(http, [small[0], huge, small[1]]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("accepted").GetInt32());
        var error = Assert.Single(body.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Contains("more than one Kafka record may carry", error.GetProperty("reason").GetString());
        Assert.Equal(small.Select(I).Order(), PublishedSamples.OfRun(kafka.BootstrapServers, run).Select(I).Order());
        Assert.Equal(0, collector.Services.GetRequiredService<SampleSpool>().PendingRecords);
    }

    private static string I(Contracts.V1.Sample sample) => sample.Labels.Single(l => l.Name == "i").Value;

    /// <summary>A run's samples for one partition whose batch does not fit one Kafka record.</summary>
    private static (string Run, List<Contracts.V1.Sample> Samples) LargerThanOneRecord(string metric)
    {
        var run = Guid.NewGuid().ToString("N");
        var samples = TestSamples.ForPartition(metric, run, Partition, Count, PadLength);
        Assert.True(SampleProducer.Encode(new SampleBatch { Samples = { samples } }).Length > MessageMaxBytes, "the test batch must not fit one Kafka record");
        return (run, samples);
    }

    /// <summary>Every sample exactly once, in records each under the limit, none of them through the spool.</summary>
    private void AssertPublishedWhole(CollectorHost collector, string run)
    {
        var records = KafkaRecords.Of(kafka.BootstrapServers, Topics.Samples)
            .Where(r => KafkaRecords.SamplesOf(r).Any(s => PublishedSamples.IsOfRun(s, run)))
            .ToList();
        var published = records.SelectMany(KafkaRecords.SamplesOf).Where(s => PublishedSamples.IsOfRun(s, run)).ToList();

        Assert.Equal(Count, published.Count);
        Assert.Equal(Count, published.Select(I).Distinct().Count());
        Assert.True(records.Count >= 2, $"{records.Count} record(s)");
        Assert.All(records, r => Assert.True(r.Message.Value.Length < MessageMaxBytes, $"a record of {r.Message.Value.Length} bytes"));
        var spool = collector.Services.GetRequiredService<SampleSpool>();
        Assert.Equal(0, spool.PendingRecords);
        Assert.Equal(0, spool.Segments);
    }
}
