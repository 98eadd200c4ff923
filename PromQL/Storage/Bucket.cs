namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// One downsampled bucket of one series: what a rollup row must hold for the engine to answer PromQL exactly at the
/// bucket's resolution. Times are Unix milliseconds. <see cref="PreviousLastMs"/> is <see cref="NoSample"/> when the
/// bucket has one sample. <see cref="Increase"/> counts only pairs of samples inside the bucket (a drop is a counter
/// reset: the later value counts whole); the step from the previous bucket's last sample to this one's first is
/// recomputed by the engine from <see cref="Last"/> and <see cref="First"/>, so a query window never includes the
/// increase from before its first sample.
/// </summary>
public readonly record struct Bucket(
    long StartMs,
    long Count,
    double Sum,
    double Min,
    double Max,
    double First,
    long FirstMs,
    double Last,
    long LastMs,
    double PreviousLast,
    long PreviousLastMs,
    double Increase,
    double SumDt,
    double SumDt2,
    double SumDtValue,
    IQuantileSketch? Sketch)
{
    public const long NoSample = long.MinValue;

    /// <summary>A bucket with no sample yet; <see cref="BucketMath.Add"/> and <see cref="BucketMath.Merge"/> fill it.</summary>
    public static Bucket Empty(long startMs) => new(startMs, 0, 0, double.NaN, double.NaN, 0, 0, 0, 0, 0, NoSample, 0, 0, 0, 0, null);
}
