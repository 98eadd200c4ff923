using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// A consumer loop waits for records on its own thread. Waiting on a pool thread, two loops held both minimum threads of
/// a two-core machine, and the rest of the alerting service (its commits, the outbox dispatcher) waited for the pool to
/// grow: alerts took one to two seconds instead of a tenth.
/// </summary>
public sealed class PollThreadTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_loop_waiting_for_records_holds_no_thread_pool_thread()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        var settings = rig.Settings();
        var events = new RebalanceEvents();
        using var real = new ConsumerBuilder<byte[], byte[]>(rig.Factory.CreateConsumerConfig(rig.Group))
            .SetPartitionsAssignedHandler((_, partitions) => events.Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => events.Revoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => events.Lost(partitions))
            .Build();
        var (consumer, recorder) = PollRecordingConsumer.Wrap(real);
        var handler = new RecordingHandler();
        using var run = new KafkaConsumerRun(consumer, events, handler, settings, rig.Metrics(settings), NullLogger.Instance);
        using var stop = new CancellationTokenSource();

        // As a hosted service runs it: on the pool, with no synchronization context to come back to.
        var running = Task.Run(() => run.RunAsync(stop.Token));
        await Eventually.GetAsync(() => Task.FromResult(handler.Owned.Count), n => n == 1, Patience, "the partition assigned");
        await rig.ProduceAsync(partition: 0, count: 1);
        await Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n == 1, Patience, "the record handled");
        await stop.CancelAsync();
        await running;
        real.Close();

        Assert.NotEmpty(recorder.WaitsOnThreadPool);
        Assert.DoesNotContain(true, recorder.WaitsOnThreadPool);
    }
}
