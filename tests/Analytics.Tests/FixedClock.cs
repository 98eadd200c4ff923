namespace PerfMonitor.Analytics.Tests;

/// <summary>A clock that says what the test says; timers still run on real time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
