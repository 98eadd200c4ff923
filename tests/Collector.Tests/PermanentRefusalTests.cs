using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// A broker that refuses a partition's records for good (errors librdkafka classes as permanent): the sender is told
/// by index while it waits, a spooled record is dead-lettered with the reason, and nothing is retried forever.
/// </summary>
public sealed class PermanentRefusalTests
{
    private const int RefusedPartition = 5;

    /// <summary>
    /// More refusals than a retry loop (one attempt a second) could use up while a test waits. Pushed before any client
    /// connects: while one is connected, the mock cluster may take up to a second to serve each push.
    /// </summary>
    private const int Always = 100;

    [Fact(Timeout = 120_000)]
    public async Task A_batch_Kafka_refuses_for_good_is_refused_to_its_sender_by_index_and_never_spooled()
    {
        using var broker = new RefusingKafka();
        broker.RefuseProduce(Topics.Samples, RefusedPartition, ErrorCode.InvalidRecord, Always);
        await using var collector = await CollectorHost.StartAsync(broker.BootstrapServers, CancellationToken.None);
        var run = Guid.NewGuid().ToString("N");
        var refused = TestSamples.ForPartition("refused_for_good", run, RefusedPartition, 3);
        var elsewhere = TestSamples.ForPartition("refused_for_good", run, RefusedPartition, 3, on: false);
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };

        var response = await TestSamples.PostJsonAsync(http, [refused[0], elsewhere[0], refused[1], elsewhere[1], refused[2], elsewhere[2]]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("accepted").GetInt32());
        var errors = body.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([0, 2, 4], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.All(errors, e => Assert.Contains("InvalidRecord", e.GetProperty("reason").GetString()));
        var spool = collector.Services.GetRequiredService<SampleSpool>();
        Assert.Equal(0, spool.PendingRecords);
        Assert.Equal(0, spool.Segments);
        Assert.Equal(elsewhere.Select(I).Order(), PublishedSamples.OfRun(broker.BootstrapServers, run).Select(I).Order());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_spooled_record_Kafka_refuses_for_good_is_dead_lettered_with_its_reason_instead_of_retried_forever()
    {
        using var broker = new RefusingKafka();
        using var folder = new TempFolder("refused-replay-spool");
        var run = Guid.NewGuid().ToString("N");
        var batch = new SampleBatch { Samples = { TestSamples.ForPartition("refused_on_replay", run, RefusedPartition, 4) } };
        // What a collector spooled while Kafka was away, left on disk for the next one to replay.
        using (var earlier = new SampleSpool(Options.Create(new SpoolOptions { Path = folder.Path }), NullLogger<SampleSpool>.Instance))
        {
            await earlier.AppendAsync([new SpoolPayload(Google.Protobuf.MessageExtensions.ToByteArray(batch))], CancellationToken.None);
        }
        broker.RefuseProduce(Topics.Samples, RefusedPartition, ErrorCode.TopicAuthorizationFailed, Always);

        await using var collector = await CollectorHost.StartAsync(broker.BootstrapServers, CancellationToken.None, spoolPath: folder.Path);
        var spool = collector.Services.GetRequiredService<SampleSpool>();
        await Eventually.GetAsync(() => Task.FromResult(spool.PendingRecords), pending => pending == 0, TimeSpan.FromSeconds(60), "the refused record to leave the spool");

        var dead = Assert.Single(KafkaRecords.Of(broker.BootstrapServers, Topics.SamplesDeadLetter));
        Assert.Equal(batch.Samples.Select(I), KafkaRecords.SamplesOf(dead).Select(I));
        Assert.Contains("Topic authorization failed", Header(dead, "perfmon-dlq-reason"));
        Assert.Equal("TopicAuthorizationFailed", Header(dead, "perfmon-dlq-error-code"));
        Assert.Empty(PublishedSamples.OfRun(broker.BootstrapServers, run));
    }

    private static string I(Sample sample) => sample.Labels.Single(l => l.Name == "i").Value;

    private static string Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : $"(no {name} header)";
}
