using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// A consumer loop waits for records on its own thread. Waiting on a pool thread, two loops held both minimum threads of
/// a two-core machine, and the rest of the alerting service (its commits, the outbox dispatcher) waited for the pool to
/// grow: alerts took one to two seconds instead of a tenth. Records already fetched are taken where the loop runs: a
/// hand-over to the poll thread and back is two thread switches, and under load each one waits for a core.
/// </summary>
public sealed class PollThreadTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_loop_waiting_for_records_holds_no_thread_pool_thread()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        var handler = new RecordingHandler();
        var recorder = await RunUntilAsync(rig, rig.Settings(), handler, async () =>
        {
            await Eventually.GetAsync(() => Task.FromResult(handler.Owned.Count), n => n == 1, Patience, "the partition assigned");
            await rig.ProduceAsync(partition: 0, count: 1);
            await Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n == 1, Patience, "the record handled");
        });

        Assert.NotEmpty(recorder.WaitsOnThreadPool);
        Assert.DoesNotContain(true, recorder.WaitsOnThreadPool);
    }

    [Fact(Timeout = 120_000)]
    public async Task Records_already_fetched_are_taken_without_a_hand_over_to_the_poll_thread()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        await rig.ProduceAsync(partition: 0, count: 50);
        var batches = 0;
        var handler = new RecordingHandler
        {
            OnBatch = _ =>
            {
                Interlocked.Increment(ref batches);
                return Task.CompletedTask;
            },
        };

        // Batches of ten from records fetched together: a batch begins with a waiting poll only when nothing was left.
        var recorder = await RunUntilAsync(rig, rig.Settings() with { MaxBatch = 10 }, handler, () =>
            Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n == 50, Patience, "every record handled"));

        Assert.True(recorder.WaitsThatFoundRecords.Count(found => found) < Volatile.Read(ref batches),
            $"{recorder.WaitsThatFoundRecords.Count(found => found)} waiting polls found the first record of {batches} batches");
    }

    /// <summary>Runs a consumer loop as a hosted service does (on the pool, no synchronization context) until <paramref name="until"/> returns.</summary>
    private static async Task<PollRecordingConsumer> RunUntilAsync(LoopRig rig, KafkaConsumerSettings settings, RecordingHandler handler, Func<Task> until)
    {
        var events = new RebalanceEvents();
        using var real = new ConsumerBuilder<byte[], byte[]>(rig.Factory.CreateConsumerConfig(rig.Group))
            .SetPartitionsAssignedHandler((_, partitions) => events.Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => events.Revoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => events.Lost(partitions))
            .Build();
        var (consumer, recorder) = PollRecordingConsumer.Wrap(real);
        using var run = new KafkaConsumerRun(consumer, events, handler, settings, rig.Metrics(settings), NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => run.RunAsync(stop.Token));
        await until();
        await stop.CancelAsync();
        await running;
        real.Close();
        return recorder;
    }
}
