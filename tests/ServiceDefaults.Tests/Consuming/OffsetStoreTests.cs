using PerfMonitor.TestSupport;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// Issue 14 item 2, the one consumer loop: offsets are stored only once the handler is done with their batch.
/// </summary>
public sealed class OffsetStoreTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
}
