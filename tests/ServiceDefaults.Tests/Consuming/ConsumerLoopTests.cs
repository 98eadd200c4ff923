using Confluent.Kafka;
using PerfMonitor.ServiceDefaults.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// Issue 14 item 2: the one consumer loop. Rebalance hooks run on the loop between polls (never inside librdkafka's
/// callback), a failing handler is restarted with a growing pause, and offsets are stored only once the handler is done.
/// </summary>
public sealed class ConsumerLoopTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_handler_that_throws_is_restarted_with_a_doubling_pause_and_gets_the_same_records_again()
    {
        using var rig = new LoopRig(kafka, partitions: 1, new() { ["Kafka:MaxConsumerRestartDelay"] = "00:00:00.350" });
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

    [Fact(Timeout = 120_000)]
    public async Task Offsets_are_stored_only_after_the_handler_has_finished_the_batch()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        await rig.ProduceAsync(partition: 0, count: 3);
        var inHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler
        {
            OnBatch = async _ =>
            {
                inHandler.TrySetResult();
                await release.Task;
            },
        };
        using var stop = new CancellationTokenSource();

        var loop = rig.Loop().RunAsync(rig.Settings(storeOffsets: true), handler, stop.Token);
        await inHandler.Task.WaitAsync(Patience);
        // Auto-commit runs every 100 ms: a stored offset would be committed many times over during this pause.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var whileHandling = rig.Committed();
        release.SetResult();
        var afterwards = await Eventually.GetAsync(() => Task.FromResult(rig.Committed()), offset => offset == 3, Patience, "the batch's offsets committed");
        await stop.CancelAsync();
        await loop;

        Assert.True(whileHandling < 0, $"an offset ({whileHandling}) was committed while its batch was still being handled");
        Assert.Equal(3, afterwards);
    }

    [Fact(Timeout = 120_000)]
    public async Task Records_before_the_offset_the_assign_hook_returns_are_never_handed_over()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        await rig.ProduceAsync(partition: 0, count: 6);
        // Slow, like a lookup in PostgreSQL: librdkafka starts fetching from the beginning meanwhile.
        var handler = new RecordingHandler
        {
            OnAssigned = _ => Task.Delay(TimeSpan.FromMilliseconds(500)),
            Positions = partitions => [.. partitions.Select(p => new TopicPartitionOffset(p, new Offset(4)))],
        };
        using var stop = new CancellationTokenSource();

        var loop = rig.Loop().RunAsync(rig.Settings(), handler, stop.Token);
        await Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n >= 2, Patience, "the records from offset 4");
        await stop.CancelAsync();
        await loop;

        Assert.Equal([4L, 5L], handler.HandledOffsets);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_partition_moved_while_librdkafka_looks_up_its_reset_offset_is_not_handed_over_again_from_the_beginning()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        await rig.ProduceAsync(partition: 0, count: 6);
        // Nothing is committed, so librdkafka looks up where the new partition begins about 100 ms after the assignment.
        // The broker holds that answer for 1.5 s, and the hook moves the partition while it is outstanding: librdkafka
        // drops the late answer as outdated, looks again 500 ms later and starts the partition over at its beginning.
        kafka.Broker.DelayOffsetLookups(TimeSpan.FromMilliseconds(1500), times: 1);
        var handler = new RecordingHandler
        {
            OnAssigned = _ => Task.Delay(TimeSpan.FromMilliseconds(700)),
            Positions = partitions => [.. partitions.Select(p => new TopicPartitionOffset(p, new Offset(3)))],
        };
        using var stop = new CancellationTokenSource();

        var loop = rig.Loop().RunAsync(rig.Settings(), handler, stop.Token);
        await Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n >= 3, Patience, "the records from offset 3");
        // The late answer, the second look-up and the fetch from the beginning take about 1.5 s from here.
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await loop;

        Assert.Equal([3L, 4L, 5L], handler.HandledOffsets);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_record_fetched_before_the_assign_hooks_seek_is_handed_over_once()
    {
        using var rig = new LoopRig(kafka, partitions: 1);
        await rig.ProduceAsync(partition: 0, count: 3);
        var handler = new RecordingHandler
        {
            Positions = partitions => [.. partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning))],
        };
        // A long poll: the one in which the assignment arrives goes on waiting and returns the first record librdkafka
        // fetched, before the hook has said where the partition starts.
        var settings = rig.Settings() with { PollTimeout = TimeSpan.FromSeconds(2) };
        using var stop = new CancellationTokenSource();

        var loop = rig.Loop().RunAsync(settings, handler, stop.Token);
        await Eventually.GetAsync(() => Task.FromResult(handler.HandledOffsets.Count), n => n >= 3, Patience, "the three records");
        // A second copy of a record would follow within a poll or two.
        await Task.Delay(settings.PollTimeout * 2);
        await stop.CancelAsync();
        await loop;

        Assert.Equal([0L, 1L, 2L], handler.HandledOffsets);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_stopping_consumer_finishes_its_revoke_hook_before_its_partitions_move_to_another()
    {
        using var rig = new LoopRig(kafka, partitions: 4);
        var revokeFinished = false;
        List<TopicPartition> taken = [];
        var finishedWhenTakenOver = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stayingHandler = new RecordingHandler
        {
            OnAssigned = partitions =>
            {
                if (partitions.Any(p => Volatile.Read(ref taken).Contains(p)))
                {
                    finishedWhenTakenOver.TrySetResult(Volatile.Read(ref revokeFinished));
                }
                return Task.CompletedTask;
            },
        };
        using var stopStaying = new CancellationTokenSource();
        var staying = rig.Loop().RunAsync(rig.Settings(), stayingHandler, stopStaying.Token);
        await Eventually.GetAsync(() => Task.FromResult(stayingHandler.Owned.Count), n => n == 4, Patience, "the first consumer to own every partition");

        var leavingHandler = new RecordingHandler
        {
            OnRevoked = async _ =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                Volatile.Write(ref revokeFinished, true);
            },
        };
        using var stopLeaving = new CancellationTokenSource();
        var leaving = rig.Loop().RunAsync(rig.Settings(), leavingHandler, stopLeaving.Token);
        var owned = await Eventually.GetAsync(() => Task.FromResult(leavingHandler.Owned.Keys.ToList()), o => o.Count > 0, Patience, "the second consumer to take partitions");
        Volatile.Write(ref taken, owned);
        await stopLeaving.CancelAsync();
        var revokeDoneWhenTakenOver = await finishedWhenTakenOver.Task.WaitAsync(Patience);
        await leaving;
        await stopStaying.CancelAsync();
        await staying;

        Assert.True(revokeDoneWhenTakenOver, "the partitions moved before the stopping consumer's revoke hook had finished");
    }
}
