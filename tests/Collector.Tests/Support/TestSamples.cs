using System.Net.Http.Json;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>Samples whose Kafka partition a test chooses, and the bodies that carry them to the collector.</summary>
public static class TestSamples
{
    /// <summary>
    /// Normalised samples (labels sorted, series id set) labelled <c>run</c> and a running <c>i</c>, optionally a
    /// <c>pad</c> of the given length, whose series land on <paramref name="partition"/> (or, when <paramref name="on"/>
    /// is false, anywhere else) of the <see cref="KafkaFixture.Partitions"/> a test broker has.
    /// </summary>
    public static List<Sample> ForPartition(string metric, string run, int partition, int count, int padLength = 0, bool on = true)
    {
        var samples = new List<Sample>(count);
        var pad = new string('p', padLength);
        for (var i = 0; samples.Count < count; i++)
        {
            var sample = new Sample { Metric = metric, Value = i, Kind = MetricKind.Gauge, TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() };
            sample.Labels.Add(new Label { Name = "i", Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (padLength > 0)
            {
                sample.Labels.Add(new Label { Name = "pad", Value = pad });
            }
            sample.Labels.Add(new Label { Name = "run", Value = run });
            sample.SeriesId = SeriesId.Compute(metric, sample.Labels);
            if (SampleRecordKey.PartitionOf(sample.SeriesId, KafkaFixture.Partitions) == partition == on)
            {
                samples.Add(sample);
            }
        }
        return samples;
    }

    /// <summary>POST /api/v1/samples with the samples as the JSON contract has them.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, IEnumerable<Sample> samples) =>
        http.PostAsJsonAsync("/api/v1/samples", new
        {
            samples = samples.Select(s => new { metric = s.Metric, labels = s.Labels.ToDictionary(l => l.Name, l => l.Value), value = s.Value }),
        });
}
