namespace PerfMonitor.Analytics.Bench.Explain;

/// <summary>The generated values of one series-minute; <see cref="Sketch"/> indexes the loader's pool of sketches.</summary>
public readonly record struct BenchMinute(long Count, double Sum, double Min, double Max, double Last, double Increase, int Sketch)
{
    /// <summary>The last sample of a generated minute is taken 59 s into it.</summary>
    public long LastAtMs(DateTime minute) => new DateTimeOffset(minute).ToUnixTimeMilliseconds() + 59_000;
}
