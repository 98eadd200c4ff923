using System.Collections.Concurrent;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// A consumer's own thread for the polls that wait. librdkafka's consume blocks its caller for up to the poll timeout, and
/// a loop whose batches are empty never yields: on the thread pool each consumer holds a pool thread for as long as it
/// runs. Two of them hold both of a two-core machine's minimum threads, and every other continuation of the service (a
/// commit, the outbox dispatcher, an HTTP call) then waits for the pool to add threads, half a second at a time. The
/// wait happens here instead, and the loop awaits it.
/// </summary>
public sealed class KafkaPollThread : IDisposable
{
    // A loop has at most one poll outstanding; a second would wait here for the first.
    private readonly BlockingCollection<Action> polls = new(boundedCapacity: 1);
    private readonly Thread thread;

    public KafkaPollThread(string consumer)
    {
        thread = new Thread(Run) { IsBackground = true, Name = $"kafka-poll {consumer}" };
        thread.Start();
    }

    /// <summary>Runs <paramref name="poll"/> on this thread; the caller continues on the thread pool once it returns.</summary>
    public Task<T> RunAsync<T>(Func<T> poll)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        polls.Add(() =>
        {
            try
            {
                done.SetResult(poll());
            }
            catch (Exception ex)
            {
                // Not swallowed: the awaiting loop gets it as if it had polled itself.
                done.SetException(ex);
            }
        });
        return done.Task;
    }

    private void Run()
    {
        foreach (var poll in polls.GetConsumingEnumerable())
        {
            poll();
        }
    }

    /// <summary>After the loop's last poll returned: the thread ends and is joined.</summary>
    public void Dispose()
    {
        polls.CompleteAdding();
        thread.Join();
        polls.Dispose();
    }
}
