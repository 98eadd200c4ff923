using Npgsql;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Writes samples of one metric, labelled by route, as minute rows through the consumer's own aggregator and writer.</summary>
public static class RouteSamples
{
    public static Task WriteAsync(NpgsqlDataSource dataSource, string metric, MetricKind kind, IEnumerable<(string Route, DateTimeOffset Time, double Value)> samples) =>
        StoredSamples.WriteAsync(dataSource, samples.Select(s => StoredSamples.Sample(metric, [("route", s.Route)], s.Time.ToUnixTimeMilliseconds(), s.Value, kind)));
}
