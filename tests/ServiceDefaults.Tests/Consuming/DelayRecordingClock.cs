using System.Collections.Concurrent;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>The system clock, noting every delay asked of it: the restart pauses, without timing anything.</summary>
public sealed class DelayRecordingClock : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
