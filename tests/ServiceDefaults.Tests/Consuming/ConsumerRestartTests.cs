using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// Issue 14 item 2, the one consumer loop: a failing handler is restarted with a growing pause and gets the records it
/// failed on again.
/// </summary>
public sealed class ConsumerRestartTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_handler_that_throws_is_restarted_with_a_doubling_pause_and_gets_the_same_records_again()
    {
        // Every restart is a new member joining the group its predecessor has just left, and librdkafka's mock broker
        // holds such a join for the session timeout less a second: 5 s a restart at the 6 s default, 22 s for this test.
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:MaxConsumerRestartDelay"] = "00:00:00.350",
            ["Kafka:SessionTimeoutMs"] = "2000",
        };
        using var rig = new LoopRig(kafka, partitions: 1, settings);
        await rig.ProduceAsync(partition: 0, count: 2);
        var failures = 0;
        var handler = new RecordingHandler
        {
            OnBatch = _ => ++failures <= 4 ? throw new InvalidOperationException("the database is down") : Task.CompletedTask,
        };
        var clock = new DelayRecordingClock();
        using var stop = new CancellationTokenSource();

        var loop = rig.Loop(clock).RunAsync(rig.Settings(storeOffsets: true), handler, stop.Token);
        await Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n >= 2, Patience, "the records after the failures");
        await stop.CancelAsync();
        await loop;

        Assert.Equal([100, 200, 350, 350], clock.Delays.Take(4).Select(d => d.TotalMilliseconds));
        Assert.Equal(5, handler.Prepared);
        Assert.Equal(4, handler.Calls.Count(c => c == "abandon"));
        Assert.Equal([0L, 1L], handler.HandledOffsets.Order());
    }

    [Fact]
    public void The_restart_pause_doubles_up_to_its_bound_and_starts_over_after_progress()
    {
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        var first = new[] { backoff.Next(), backoff.Next(), backoff.Next(), backoff.Next() };
        backoff.Reset();

        Assert.Equal([1, 2, 4, 5], first.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
