namespace PerfMonitor.ServiceDefaults.Jobs;

/// <summary>
/// When a <see cref="PeriodicJob"/> runs: every <see cref="Interval"/>, moved by up to <see cref="Jitter"/> of it either way so
/// replicas started together do not hit PostgreSQL in the same instant, each run cut off after <see cref="Timeout"/>
/// (never, for an <see cref="Untimed"/> schedule).
/// </summary>
public sealed record JobSchedule(TimeSpan Interval, TimeSpan Timeout)
{
    /// <summary>The shortest run timeout: below it a run is cut off by a busy machine rather than by a stuck peer.</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The share of the interval a run may move either way.</summary>
    public const double DefaultJitter = 0.1;

    public double Jitter { get; init; } = DefaultJitter;

    /// <summary>False: the first run waits one interval (the job needs data that only exists after a while).</summary>
    public bool RunAtStart { get; init; } = true;

    /// <summary>A schedule whose run timeout is the interval, but never below <see cref="MinimumTimeout"/>.</summary>
    public static JobSchedule Every(TimeSpan interval) => new(interval, interval > MinimumTimeout ? interval : MinimumTimeout);

    /// <summary>
    /// A schedule whose runs are never cut off, for a job whose every step carries its own timeout and fails alone (a query,
    /// a call to another service): cutting the whole run would drop the steps after a slow one, every run.
    /// </summary>
    public static JobSchedule Untimed(TimeSpan interval) => new(interval, System.Threading.Timeout.InfiniteTimeSpan);

    /// <summary>The pause from one run's start to the next, jittered with <paramref name="random"/> (0 to 1).</summary>
    public TimeSpan NextDelay(double random) => Interval * (1 + Jitter * (2 * random - 1));
}
