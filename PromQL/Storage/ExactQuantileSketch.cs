namespace PerfMonitor.PromQL.Storage;

/// <summary>A "sketch" that keeps every value sorted: exact ranks, for raw data and tests.</summary>
public sealed class ExactQuantileSketch : IQuantileSketch
{
    private readonly double[] sorted;

    private ExactQuantileSketch(double[] sorted) => this.sorted = sorted;

    public static ExactQuantileSketch Of(ReadOnlySpan<double> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return new ExactQuantileSketch(copy);
    }

    public long Count => sorted.Length;

    public double ValueAtRank(long rank) => sorted[rank];

    public IQuantileSketch MergedWith(IQuantileSketch other)
    {
        var theirs = other as ExactQuantileSketch
            ?? throw new ArgumentException("an exact sketch merges only with another exact sketch", nameof(other));
        var merged = new double[sorted.Length + theirs.sorted.Length];
        sorted.CopyTo(merged, 0);
        theirs.sorted.CopyTo(merged, sorted.Length);
        Array.Sort(merged);
        return new ExactQuantileSketch(merged);
    }
}

/// <summary>Creates <see cref="ExactQuantileSketch"/>es.</summary>
public sealed class ExactQuantileSketchFactory : IQuantileSketchFactory
{
    public static readonly ExactQuantileSketchFactory Instance = new();

    public IQuantileSketch Create(ReadOnlySpan<double> values) => ExactQuantileSketch.Of(values);
}
