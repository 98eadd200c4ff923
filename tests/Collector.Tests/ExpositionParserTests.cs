using PerfMonitor.Collector.Prometheus;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class ExpositionParserTests
{
    [Fact]
    public void Counters_gauges_and_untyped_samples_take_the_kind_of_their_TYPE_line()
    {
        const string page = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000
            # TYPE temperature gauge
            temperature 21.5
            metric_without_type 1
            """;

        var result = ExpositionParser.Parse(page);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [("http_requests_total", MetricKind.Counter, 1027.0, (long?)1395066363000), ("http_requests_total", MetricKind.Counter, 3, 1395066363000),
             ("temperature", MetricKind.Gauge, 21.5, null), ("metric_without_type", MetricKind.Gauge, 1, null)],
            result.Samples.Select(s => (s.Name, s.Kind, s.Value, s.TimestampMs)));
        Assert.Equal([("method", "post"), ("code", "400")], result.Samples[1].Labels.Select(l => (l.Name, l.Value)));
    }

    [Fact]
    public void Histogram_and_summary_families_give_their_kind_to_bucket_sum_count_and_quantile_samples()
    {
        const string page = """
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """;

        var result = ExpositionParser.Parse(page);

        Assert.Equal(
            [MetricKind.Histogram, MetricKind.Histogram, MetricKind.Histogram, MetricKind.Histogram, MetricKind.Summary, MetricKind.Summary, MetricKind.Summary],
            result.Samples.Select(s => s.Kind));
        Assert.Equal("+Inf", result.Samples[1].Labels.Single().Value);
        Assert.Equal(1.7560473e+07, result.Samples[5].Value);
    }

    [Fact]
    public void Label_values_unescape_backslash_quote_and_newline_and_special_values_parse()
    {
        const string page = """
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
            nan_metric NaN
            minus_inf -Inf
            trailing_comma{a="1",} 2
            """;

        var result = ExpositionParser.Parse(page);

        Assert.Empty(result.Errors);
        Assert.Equal(@"C:\DIR\FILE.TXT", result.Samples[0].Labels[0].Value);
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", result.Samples[0].Labels[1].Value);
        Assert.True(double.IsNaN(result.Samples[1].Value));
        Assert.Equal(double.NegativeInfinity, result.Samples[2].Value);
        Assert.Equal("1", result.Samples[3].Labels.Single().Value);
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_number_and_the_rest_is_kept()
    {
        const string page = """
            good 1
            broken{a="1" 2
            not_a_number abc
            also_good 3
            """;

        var result = ExpositionParser.Parse(page);

        Assert.Equal(["good", "also_good"], result.Samples.Select(s => s.Name));
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("line 2:", result.Errors[0]);
        Assert.StartsWith("line 3:", result.Errors[1]);
    }
}
