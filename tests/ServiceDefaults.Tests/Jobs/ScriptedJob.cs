using System.Collections.Concurrent;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.ServiceDefaults.Tests.Jobs;

/// <summary>A periodic job whose runs do what the test says (throw, hang), noting each run and failure; a test may wake it.</summary>
public sealed class ScriptedJob(string name, JobSchedule schedule, Func<int, CancellationToken, Task> run) : PeriodicJob(TimeProvider.System)
{
    private int running;
    private int runs;

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public int Runs => Volatile.Read(ref runs);

    public int MostAtOnce { get; private set; }

    public void Wake() => WakeUp();

    protected override string JobName => name;

    protected override JobSchedule Schedule => schedule;

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        MostAtOnce = Math.Max(MostAtOnce, Interlocked.Increment(ref running));
        try
        {
            await run(Interlocked.Increment(ref runs), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    protected override void OnFailed(Exception exception) => Failures.Enqueue(exception);
}
