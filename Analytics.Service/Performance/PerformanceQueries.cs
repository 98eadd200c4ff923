using Microsoft.Extensions.Options;
using PerfMonitor.Analytics.Queries;

namespace PerfMonitor.Analytics.Performance;

/// <summary>Composes the performance summary from rollups of the conventional metrics.</summary>
public sealed class PerformanceQueries(RollupQueries rollups, IOptions<MetricConventions> conventions, TimeProvider clock)
{
    public async Task<PerformanceSummary> SummaryAsync(TimeSpan window, string? service, CancellationToken cancellationToken)
    {
        var names = conventions.Value;
        var to = clock.GetUtcNow();
        var from = to - window;
        IReadOnlyDictionary<string, string> labels = service is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [names.ServiceLabel] = service };

        var requests = await rollups.AggregateAsync(names.RequestDuration, labels, null, from, to, cancellationToken);
        var errors = await rollups.AggregateAsync(names.RequestDuration, labels, (names.StatusLabel, names.ErrorStatusPrefix), from, to, cancellationToken);
        async Task<BucketAccumulator> Gauge(string metric) => await rollups.AggregateAsync(metric, labels, null, from, to, cancellationToken);
        var cpu = await Gauge(names.CpuPercent);
        var memory = await Gauge(names.MemoryPercent);
        var memoryMb = await Gauge(names.MemoryMegabytes);
        var pool = await Gauge(names.PoolUtilizationPercent);
        var connections = await Gauge(names.ActiveConnections);
        var queries = await Gauge(names.QueryDuration);
        var cache = await Gauge(names.CacheHitRatio);

        return new PerformanceSummary(
            to, window.TotalHours, service,
            requests.Count,
            requests.Count / window.TotalSeconds,
            Avg(requests), requests.Quantile(0.95), requests.Quantile(0.99),
            requests.Count == 0 ? 0 : (double)errors.Count / requests.Count,
            Avg(cpu), Avg(memory), Avg(memoryMb),
            new DatabaseSummary(Avg(pool), Avg(queries), queries.Quantile(0.95), Avg(connections), Avg(cache)));
    }

    private static double? Avg(BucketAccumulator bucket) => bucket.Count == 0 ? null : bucket.Avg;
}
