namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// The per-bucket fields a query needs beyond every point's last sample (<see cref="PointColumns.Last"/>,
/// <see cref="PointColumns.LastMs"/>) and bucket start. The engine asks a source only for what the functions over a
/// selector read, so a source reads only those columns.
/// </summary>
[Flags]
public enum BucketFields
{
    None = 0,

    /// <summary>Samples in the bucket (count_over_time, avg_over_time, the sample count rate extrapolates with).</summary>
    Count = 1,

    /// <summary>Sum of the values (sum_over_time, avg_over_time, deriv).</summary>
    Sum = 2,

    /// <summary>Smallest and largest value (min_over_time, max_over_time, deriv's constant-series check).</summary>
    MinMax = 4,

    /// <summary>The first sample's value and time (rate, increase, delta).</summary>
    First = 8,

    /// <summary>The second-to-last sample's value and time (irate, idelta).</summary>
    PreviousLast = 16,

    /// <summary>Reset-corrected counter increase from the bucket's first sample to its last (rate, increase).</summary>
    Increase = 32,

    /// <summary>Σdt, Σdt², Σdt·v with dt the seconds from the bucket start (deriv's least squares).</summary>
    Regression = 64,

    /// <summary>The quantile sketch of the values (quantile_over_time).</summary>
    Sketch = 128,

    All = Count | Sum | MinMax | First | PreviousLast | Increase | Regression | Sketch,
}
