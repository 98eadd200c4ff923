using System.Globalization;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Bench;

/// <summary>
/// A realistic series population: request latency and request counters per service, route, status and instance,
/// host gauges per instance, query latency per query; 20 services. <see cref="Build"/> gives exactly the count asked for.
/// </summary>
public sealed record BenchSeries(long Id, string Metric, IReadOnlyList<Label> Labels, MetricKind Kind)
{
    public const int Services = 20;

    public static string Service(int i) => $"svc{i % Services:00}";

    public static IReadOnlyList<BenchSeries> Build(int count)
    {
        var series = new List<BenchSeries>(count);
        string[] statuses = ["200", "404", "500", "503"];
        string[] gauges = ["cpu_usage_percent", "memory_usage_percent", "db_pool_utilization_percent", "db_connections_active", "cache_hit_ratio"];
        for (var i = 0; series.Count < count; i++)
        {
            var service = Service(i);
            var block = i / Services;
            // Per service: 200 latency + 200 counter series (25 routes x 4 statuses x 2 instances), 5 x 10 gauges, 50 queries.
            var slot = block % 500;
            var (metric, kind, labels) = slot switch
            {
                < 200 => ("http_request_duration_ms", MetricKind.Histogram, Http(service, slot)),
                < 400 => ("http_requests_total", MetricKind.Counter, Http(service, slot - 200)),
                < 450 => (gauges[(slot - 400) / 10], MetricKind.Gauge, L(("service", service), ("instance", $"i{(slot - 400) % 10}"))),
                _ => ("db_query_duration_ms", MetricKind.Histogram, L(("service", service), ("query", $"q{slot - 450:00}"))),
            };
            if (block >= 500)
            {
                labels.Add(new Label { Name = "shard", Value = (block / 500).ToString(CultureInfo.InvariantCulture) });
            }
            series.Add(new BenchSeries(SeriesId.ToStorage(SeriesId.Compute(metric, labels)), metric, labels, kind));
        }
        return series;

        List<Label> Http(string service, int n) => L(("service", service), ("route", $"/api/r{n % 25:00}"), ("status", statuses[n / 25 % 4]), ("instance", $"i{n / 100}"));
    }

    public Dictionary<string, string> LabelMap => Labels.ToDictionary(l => l.Name, l => l.Value);

    private static List<Label> L(params (string Name, string Value)[] pairs) => pairs.Select(p => new Label { Name = p.Name, Value = p.Value }).ToList();
}
