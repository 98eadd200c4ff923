using System.Text;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class JsonSampleReaderTests
{
    private static readonly IngestOptions Limits = new();

    [Fact]
    public void Each_sample_is_read_or_refused_by_its_own_index()
    {
        var read = Read("""
            {"samples":[
              {"metric":"a","labels":{"host":"h1"},"value":1.5,"timestamp":"2026-11-24T12:00:00Z","kind":"counter","unit":"ms"},
              {"metric":"b","value":true},
              {"metric":"c","value":2,"kind":"bogus"},
              {"metric":"d","value":3,"timestamp":"yesterday"},
              null,
              {"metric":"e","labels":{"x":null},"value":"4.5"},
              {"metric":"f"}
            ]}
            """);

        Assert.Null(read.Problem);
        Assert.Equal(7, read.Samples.Count);
        Assert.Equal([(1, "value"), (2, "kind"), (3, "timestamp"), (4, ""), (5, "labels.x"), (6, "value")], read.Errors.Select(e => (e.Index, e.Field)));
        var first = read.Samples[0];
        Assert.Equal(("a", 1.5, MetricKind.Counter, "ms"), (first.Metric, first.Value, first.Kind, first.Unit));
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T12:00:00Z").ToUnixTimeMilliseconds(), first.TimestampUnixMs);
        Assert.Equal(("host", "h1"), (first.Labels.Single().Name, first.Labels.Single().Value));
    }

    [Fact]
    public void Property_names_are_matched_in_any_letter_case_and_unknown_ones_are_skipped()
    {
        var read = Read("""{"Samples":[{"METRIC":"a","Labels":{"k":"v"},"Value":2,"extra":{"deep":[1,2,{"x":3}]},"TimeStamp":1764000000000}],"other":true}""");

        var sample = Assert.Single(read.Samples);
        Assert.Empty(read.Errors);
        Assert.Equal(("a", 2.0, 1_764_000_000_000L, "k"), (sample.Metric, sample.Value, sample.TimestampUnixMs, sample.Labels.Single().Name));
    }

    [Theory]
    [InlineData("""{"samples":[{"metric":"a","value":1}]""")]
    [InlineData("""{"samples":{"metric":"a"}}""")]
    [InlineData("""{"samples":[{"metric":7,"value":1}]}""")]
    [InlineData("""{"samples":[{"metric":"a","labels":{"k":1},"value":1}]}""")]
    [InlineData("""{"samples":[]} {}""")]
    [InlineData("""[{"metric":"a","value":1}]""")]
    public void JSON_that_is_not_the_contracts_shape_is_a_400(string json)
    {
        Assert.Equal(400, Read(json).Problem?.Status);
    }

    [Fact]
    public void Past_the_sample_limit_the_reading_stops_with_413()
    {
        var json = "{\"samples\":[" + string.Join(",", Enumerable.Repeat("{}", 11)) + "]}";

        var read = JsonSampleReader.Read(Encoding.UTF8.GetBytes(json), new IngestOptions { MaxSamplesPerRequest = 10 });

        Assert.Equal(413, read.Problem?.Status);
        Assert.Equal(10, read.Samples.Count);
    }

    [Fact]
    public void Labels_are_counted_over_the_request_and_a_sample_keeps_no_more_than_it_may_have()
    {
        var manyLabels = "{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"l{i}\":\"v\"")) + "}";
        var json = $$"""{"samples":[{"metric":"a","labels":{{manyLabels}},"value":1},{"metric":"b","labels":{{manyLabels}},"value":1}]}""";

        var withinRequest = JsonSampleReader.Read(Encoding.UTF8.GetBytes(json), new IngestOptions { MaxLabels = 32, MaxLabelsPerRequest = 80 });
        var pastRequest = JsonSampleReader.Read(Encoding.UTF8.GetBytes(json), new IngestOptions { MaxLabels = 32, MaxLabelsPerRequest = 79 });

        Assert.Null(withinRequest.Problem);
        Assert.All(withinRequest.Samples, s => Assert.Equal(32, s.Labels.Count));
        Assert.All(withinRequest.Errors, e => Assert.Equal(("labels", "has 40 labels; at most 32 are allowed"), (e.Field, e.Reason)));
        Assert.Equal(2, withinRequest.Errors.Count);
        Assert.Equal(413, pastRequest.Problem?.Status);
    }

    private static JsonSamples Read(string json) => JsonSampleReader.Read(Encoding.UTF8.GetBytes(json), Limits);
}
