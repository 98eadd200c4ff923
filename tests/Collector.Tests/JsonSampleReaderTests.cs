using System.Text.Json;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class JsonSampleConverterTests
{
    [Fact]
    public void Each_sample_is_converted_or_refused_by_its_own_index()
    {
        var request = JsonSerializer.Deserialize<JsonSampleRequest>("""
            {"samples":[
              {"metric":"a","labels":{"host":"h1"},"value":1.5,"timestamp":"2026-11-24T12:00:00Z","kind":"counter","unit":"ms"},
              {"metric":"b","value":true},
              {"metric":"c","value":2,"kind":"bogus"},
              {"metric":"d","value":3,"timestamp":"yesterday"},
              null
            ]}
            """, JsonSerializerOptions.Web)!;

        var (samples, errors) = JsonSampleConverter.Convert(request.Samples!);

        Assert.Equal(5, samples.Count);
        Assert.Equal([(1, "value"), (2, "kind"), (3, "timestamp"), (4, "")], errors.Select(e => (e.Index, e.Field)));
        var first = samples[0];
        Assert.Equal(("a", 1.5, MetricKind.Counter, "ms"), (first.Metric, first.Value, first.Kind, first.Unit));
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T12:00:00Z").ToUnixTimeMilliseconds(), first.TimestampUnixMs);
        Assert.Equal("host", first.Labels.Single().Name);
    }
}
