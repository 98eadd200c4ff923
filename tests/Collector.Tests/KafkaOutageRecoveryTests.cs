using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Collector.Publishing;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.TestSupport;
using Xunit.Abstractions;

namespace PerfMonitor.Collector.Tests;

/// <summary>
/// Issue 18 item 11: a Kafka outage under steady ingest. Everything accepted during it is spooled, and once the
/// broker is back the spool drains and the collector publishes straight to Kafka again, with every sample delivered.
/// The drain time is printed; the timeout only guards a hang.
/// </summary>
[Trait("Category", "System")]
public sealed class KafkaOutageRecoveryTests(KafkaFixture kafka, ITestOutputHelper output) : IClassFixture<KafkaFixture>
{
    private const int SamplesPerRequest = 200;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Theory(Timeout = 240_000)]
    [InlineData(5)]
    [InlineData(15)]
    public async Task After_an_outage_the_spool_drains_and_every_sample_accepted_meanwhile_reaches_Kafka(int outageSeconds)
    {
        var run = Guid.NewGuid().ToString("N");
        await using var collector = await CollectorHost.StartAsync(kafka.BootstrapServers, CancellationToken.None);
        var spool = collector.Services.GetRequiredService<SampleSpool>();
        var availability = collector.Services.GetRequiredService<KafkaAvailability>();
        using var http = new HttpClient { BaseAddress = collector.HttpUrl, Timeout = Generous };
        using var stop = new CancellationTokenSource();
        var sender = SendSteadilyAsync(http, run, stop.Token);
        await WaitUntilAsync(() => !availability.IsDown, "Kafka was never reached before the outage");
        await Task.Delay(TimeSpan.FromSeconds(1));

        kafka.Broker.SetDown();
        await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
        await WaitUntilAsync(() => spool.HasPending, "nothing was spooled during the outage");
        kafka.Broker.SetUp();
        var back = Stopwatch.StartNew();
        await WaitUntilAsync(() => !availability.IsDown && !spool.HasPending, "the spool did not drain after the broker came back");
        var drained = back.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        var sent = await sender;

        output.WriteLine($"{outageSeconds} s outage: spool drained {drained.TotalSeconds:0.0} s after the broker came back; {sent} samples accepted");
        Assert.Equal(0, spool.PendingRecords);
        var published = await Task.Run(() => PublishedSamples.OfRun(kafka.BootstrapServers, run));
        var missing = Enumerable.Range(0, sent).Except(published.Select(s => (int)s.Value)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {sent} accepted samples never reached Kafka (first: {string.Join(", ", missing.Take(5))})");
    }

    /// <summary>Requests of distinct values at a steady pace until stopped; returns how many samples were accepted (all must be).</summary>
    private static async Task<int> SendSteadilyAsync(HttpClient http, string run, CancellationToken stop)
    {
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var first = next;
            var samples = Enumerable.Range(first, SamplesPerRequest)
                .Select(v => new { metric = "outage_recovery_value", labels = new { run, series = (v % 64).ToString(System.Globalization.CultureInfo.InvariantCulture) }, value = v });
            using var response = await http.PostAsJsonAsync("/api/v1/samples", new { samples }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            next += SamplesPerRequest;
            await Task.Delay(Pace, CancellationToken.None);
        }
        return next;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Generous, failure);
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
