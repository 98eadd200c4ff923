namespace PerfMonitor.LoadGen;

public static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
