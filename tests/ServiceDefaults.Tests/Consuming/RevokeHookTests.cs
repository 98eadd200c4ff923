using Confluent.Kafka;
using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// Issue 14 item 2, the one consumer loop: the revoke hook runs on the loop between polls, and a stopping consumer's hook
/// finishes before its partitions move. A second consumer joins and leaves the group: it waits for two rebalances, so
/// it is a System test (docs/testing.md, "The fast loop").
/// </summary>
[Trait("Category", "System")]
public sealed class RevokeHookTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
