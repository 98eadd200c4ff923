using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class SampleValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly SampleValidator validator = new(Options.Create(new IngestOptions()), new FixedClock(Now));

    [Fact]
    public void A_valid_sample_gets_sorted_labels_and_the_series_id_of_its_identity()
    {
        var sample = Sample("http_requests_total", ("route", "/a"), ("method", "GET"));

        var error = validator.Normalize(0, sample);

        Assert.Null(error);
        Assert.Equal(["method", "route"], sample.Labels.Select(l => l.Name));
        Assert.Equal(SeriesId.Compute("http_requests_total", [new Label { Name = "method", Value = "GET" }, new Label { Name = "route", Value = "/a" }]), sample.SeriesId);
        Assert.Equal(MetricKind.Gauge, sample.Kind);
    }

    [Fact]
    public void The_series_id_does_not_depend_on_label_order_but_on_every_name_and_value()
    {
        var a = SeriesId.Compute("m", [new Label { Name = "a", Value = "1" }, new Label { Name = "b", Value = "2" }]);
        var b = SeriesId.Compute("m", [new Label { Name = "b", Value = "2" }, new Label { Name = "a", Value = "1" }]);
        var shifted = SeriesId.Compute("m", [new Label { Name = "a", Value = "12" }, new Label { Name = "b", Value = "" }]);

        Assert.Equal(a, b);
        Assert.NotEqual(a, shifted);
    }

    [Theory]
    [InlineData("9lives", "metric")]
    [InlineData("has space", "metric")]
    [InlineData("", "metric")]
    public void Bad_metric_names_are_refused_naming_the_field(string metric, string field)
    {
        Assert.Equal(field, validator.Normalize(3, Sample(metric))?.Field);
    }

    [Fact]
    public void Label_problems_name_the_label()
    {
        Assert.Equal("labels.bad-name", validator.Normalize(0, Sample("m", ("bad-name", "x")))?.Field);
        Assert.Contains("twice", validator.Normalize(0, Sample("m", ("a", "1"), ("a", "2")))?.Reason);
        Assert.Contains("longer", validator.Normalize(0, Sample("m", ("a", new string('x', 257))))?.Reason);
        var tooMany = Sample("m", Enumerable.Range(0, 33).Select(i => ($"l{i}", "v")).ToArray());
        Assert.Equal("labels", validator.Normalize(0, tooMany)?.Field);
    }

    [Fact]
    public void Label_names_and_values_have_configured_length_limits_and_a_long_name_is_not_echoed_whole()
    {
        var limited = new SampleValidator(Options.Create(new IngestOptions { MaxLabelNameLength = 8, MaxLabelValueLength = 4 }), new FixedClock(Now));
        var longName = new string('n', 1_000_000);

        var byDefault = validator.Normalize(0, Sample("m", (longName, "v")));
        var tooLongName = limited.Normalize(0, Sample("m", ("name_of_9", "v")));
        var tooLongValue = limited.Normalize(0, Sample("m", ("name", "12345")));

        Assert.Equal("label name is longer than 200 characters", byDefault?.Reason);
        Assert.True(byDefault!.Field.Length < 100, $"the field repeats {byDefault.Field.Length} characters of the name");
        Assert.Equal("label name is longer than 8 characters", tooLongName?.Reason);
        Assert.Equal("label value is longer than 4 characters", tooLongValue?.Reason);
        Assert.Null(limited.Normalize(0, Sample("m", ("name_of8", "1234"))));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_values_are_refused(double value)
    {
        var sample = Sample("m");
        sample.Value = value;
        Assert.Equal("value", validator.Normalize(0, sample)?.Field);
    }

    [Fact]
    public void Timestamps_outside_the_skew_are_refused_and_a_missing_one_means_now()
    {
        var old = Sample("m");
        old.TimestampUnixMs = Now.AddHours(-2).ToUnixTimeMilliseconds();
        var future = Sample("m");
        future.TimestampUnixMs = Now.AddMinutes(10).ToUnixTimeMilliseconds();
        var missing = Sample("m");

        Assert.Equal("timestamp", validator.Normalize(0, old)?.Field);
        Assert.Equal("timestamp", validator.Normalize(0, future)?.Field);
        Assert.Null(validator.Normalize(0, missing));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), missing.TimestampUnixMs);
    }

    private static Sample Sample(string metric, params (string Name, string Value)[] labels)
    {
        var sample = new Sample { Metric = metric, Value = 1 };
        sample.Labels.AddRange(labels.Select(l => new Label { Name = l.Name, Value = l.Value }));
        return sample;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
