using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>Writes samples as minute rows through the consumer's own aggregator and writer, in one flush.</summary>
public static class StoredSamples
{
    /// <summary>A sample as the collector publishes it: labels sorted by name, the series id computed.</summary>
    public static Sample Sample(string metric, IEnumerable<(string Name, string Value)> labels, long timeMs, double value,
        MetricKind kind = MetricKind.Gauge, Temporality temporality = Temporality.Unspecified)
    {
        var sample = new Sample { Metric = metric, Value = value, TimestampUnixMs = timeMs, Kind = kind, Temporality = temporality };
        sample.Labels.AddRange(labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new Label { Name = l.Name, Value = l.Value }));
        sample.SeriesId = SeriesId.Compute(metric, sample.Labels);
        return sample;
    }

    public static async Task WriteAsync(NpgsqlDataSource dataSource, IEnumerable<Sample> samples)
    {
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var batch = new SampleBatch();
        batch.Samples.AddRange(samples);
        pending.Add(0, 0, batch, new HashSet<long>(), new PartitionState());
        await new RollupWriter(dataSource).WriteAsync(pending, new Dictionary<int, long>(), "tests", $"t{Guid.NewGuid():N}", CancellationToken.None);
    }
}
