namespace PerfMonitor.PromQL.Evaluation;

/// <summary>The evaluation times of a query: one for an instant query, start + k·step up to end for a range query.</summary>
public sealed record QueryRange(long StartMs, long EndMs, long StepMs)
{
    public static QueryRange Instant(long timeMs) => new(timeMs, timeMs, 0);

    public bool IsInstant => StepMs == 0;

    public int StepCount => IsInstant ? 1 : (int)((EndMs - StartMs) / StepMs) + 1;

    public long TimeAt(int step) => StartMs + step * StepMs;
}
