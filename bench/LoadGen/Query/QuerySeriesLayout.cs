using System.Globalization;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// The benchmark's series, as a scraped fleet would have them: targets (job, instance), each with four request
/// counters by route, two gauges and a twelve-bucket latency histogram (buckets, sum, count): twenty series a target.
/// </summary>
public sealed class QuerySeriesLayout(int series)
{
    public const int SeriesPerTarget = 20;
    public const int Routes = 4;
    public const string Requests = "bench_requests_total";
    public const string Memory = "bench_memory_bytes";
    public const string Cpu = "bench_cpu_utilization";
    public const string Duration = "bench_request_duration_seconds";
    private const int MaxJobs = 10;

    /// <summary>Bucket bounds as label values, the same text for both systems.</summary>
    public static readonly IReadOnlyList<string> Buckets = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];

    public int Targets { get; } = series / SeriesPerTarget;

    public int Series => Targets * SeriesPerTarget;

    public string Job(int target) => $"job{target % Math.Min(MaxJobs, Targets)}";

    public static string Instance(int target) => $"host{target:D4}:9100";

    public static string Route(int route) => $"/api/r{route}";

    public static double Bound(int bucket) => Buckets[bucket] == "+Inf" ? double.PositiveInfinity : double.Parse(Buckets[bucket], CultureInfo.InvariantCulture);
}
