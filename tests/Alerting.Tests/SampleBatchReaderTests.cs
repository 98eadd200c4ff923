using Google.Protobuf;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts.V1;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;

namespace PerfMonitor.Alerting.Tests;

public sealed class SampleBatchReaderTests
{
    [Fact]
    public void Only_samples_of_a_metric_some_rule_names_are_returned_with_their_fields_and_encoding()
    {
        var watched = Rule("cpu_usage_percent");
        var index = new MetricRuleIndex([watched, Rule("memory_usage_percent", enabled: false)]);
        var batch = new SampleBatch();
        batch.Samples.Add(Sample("http_request_duration_ms", 1, 12.5));
        batch.Samples.Add(Sample("cpu_usage_percent", 2, 97.25));
        batch.Samples.Add(Sample("memory_usage_percent", 3, 91));
        batch.Samples.Add(Sample("cpu_usage_percent_total", 4, 5));
        var matched = new List<(EncodedSample Sample, AlertRule[] Rules)>();

        var read = SampleBatchReader.Read(batch.ToByteArray(), index, matched);

        Assert.Equal(4, read);
        var (sample, rules) = Assert.Single(matched);
        Assert.Same(watched, Assert.Single(rules));
        Assert.Equal((2UL, 97.25, 1_700_000_000_002L), (sample.SeriesId, sample.Value, sample.TimestampUnixMs));
        Assert.Equal(batch.Samples[1], sample.Decode());
    }

    [Theory]
    [InlineData(Temporality.Unspecified)]
    [InlineData(Temporality.Cumulative)]
    [InlineData(Temporality.Delta)]
    public void A_sample_keeps_its_counter_temporality(Temporality temporality)
    {
        var batch = new SampleBatch();
        var sample = Sample("requests_total", 2, 1);
        sample.Temporality = temporality;
        batch.Samples.Add(sample);
        var matched = new List<(EncodedSample Sample, AlertRule[] Rules)>();

        SampleBatchReader.Read(batch.ToByteArray(), new MetricRuleIndex([Rule("requests_total")]), matched);

        Assert.Equal(temporality, Assert.Single(matched).Sample.Temporality);
    }

    [Fact]
    public void A_truncated_record_is_refused_rather_than_read_past_its_end()
    {
        var batch = new SampleBatch();
        batch.Samples.Add(Sample("cpu_usage_percent", 2, 97));
        var bytes = batch.ToByteArray();

        Assert.Throws<InvalidDataException>(() => SampleBatchReader.Read(bytes.AsMemory(0, bytes.Length - 3), new MetricRuleIndex([Rule("cpu_usage_percent")]), []));
    }

    [Fact]
    public void Nothing_is_matched_when_no_rule_is_enabled()
    {
        var batch = new SampleBatch();
        batch.Samples.Add(Sample("cpu_usage_percent", 2, 97));
        var matched = new List<(EncodedSample Sample, AlertRule[] Rules)>();

        Assert.Equal(1, SampleBatchReader.Read(batch.ToByteArray(), new MetricRuleIndex([Rule("cpu_usage_percent", enabled: false)]), matched));
        Assert.Empty(matched);
    }

    private static Sample Sample(string metric, ulong seriesId, double value)
    {
        var sample = new Sample { SeriesId = seriesId, Metric = metric, Value = value, TimestampUnixMs = 1_700_000_000_000 + (long)seriesId, Unit = "%", Kind = MetricKind.Gauge };
        sample.Labels.Add(new Label { Name = "host", Value = $"h{seriesId}" });
        return sample;
    }

    private static AlertRule Rule(string metric, bool enabled = true) => new(Guid.NewGuid(), metric, RuleKind.Threshold, metric, new Dictionary<string, string>(), RuleAggregation.Avg,
        TimeSpan.FromMinutes(1), RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Warning, 0, "", PayloadFormat.Json, enabled);
}
