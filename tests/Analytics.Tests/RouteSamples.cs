using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Writes samples of one metric, labelled by route, as minute rows through the consumer's own aggregator and writer.</summary>
public static class RouteSamples
{
    public static async Task WriteAsync(NpgsqlDataSource dataSource, string metric, MetricKind kind, IEnumerable<(string Route, DateTimeOffset Time, double Value)> samples)
    {
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var batch = new SampleBatch();
        foreach (var (route, time, value) in samples)
        {
            var sample = new Sample { Metric = metric, Value = value, TimestampUnixMs = time.ToUnixTimeMilliseconds(), Kind = kind };
            sample.Labels.Add(new Label { Name = "route", Value = route });
            sample.SeriesId = SeriesId.Compute(metric, sample.Labels);
            batch.Samples.Add(sample);
        }
        pending.Add(0, 0, batch, new HashSet<long>(), new PartitionState());
        await new RollupWriter(dataSource).WriteAsync(pending, new Dictionary<int, long>(), "tests", $"t{Guid.NewGuid():N}", CancellationToken.None);
    }
}
