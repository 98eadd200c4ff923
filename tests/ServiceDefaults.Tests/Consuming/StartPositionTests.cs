using Confluent.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// Issue 14 item 2, the one consumer loop: the assign hook runs on the loop between polls (never inside librdkafka's
/// callback) and says where each partition starts; nothing before that position is handed over, once or again.
/// </summary>
public sealed class StartPositionTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
}
