using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

public sealed class SeriesMatchTests
{
    private static readonly AlertRule Grouped = new AlertRule(
        Guid.NewGuid(), "errors", RuleKind.Threshold, "http_request_duration_ms", new Dictionary<string, string>(), RuleAggregation.Ratio, TimeSpan.FromMinutes(5),
        RuleCondition.GreaterThan, 1, TimeSpan.Zero, Severity.Error, 0, "", PayloadFormat.Json, true)
    {
        GroupBy = ["service", "region"],
        Numerator = [new LabelMatcher("status", "=~", "5..")],
        Matchers = [new LabelMatcher("route", "!=", "/health")],
    };

    [Fact]
    public void Series_with_the_same_group_label_values_share_one_instance_and_only_errors_count_in_the_numerator()
    {
        var error = SeriesMatch.Of(Grouped, 1, Labels("checkout", "eu", "/pay", "503"));
        var ok = SeriesMatch.Of(Grouped, 2, Labels("checkout", "eu", "/cart", "200"));
        var otherService = SeriesMatch.Of(Grouped, 3, Labels("search", "eu", "/pay", "503"));

        Assert.Equal(error.InstanceId, ok.InstanceId);
        Assert.NotEqual(error.InstanceId, otherService.InstanceId);
        Assert.True(error.InNumerator);
        Assert.False(ok.InNumerator);
        Assert.Equal(new Dictionary<string, string> { ["service"] = "checkout", ["region"] = "eu" }, ok.GroupLabels);
    }

    [Fact]
    public void A_missing_group_label_reads_as_empty_and_unmatched_or_ungrouped_series_keep_their_own_identity()
    {
        var withoutRegion = new Dictionary<string, string> { ["service"] = "checkout", ["route"] = "/pay", ["status"] = "200" };

        var missing = SeriesMatch.Of(Grouped, 4, withoutRegion);
        var emptyRegion = SeriesMatch.Of(Grouped, 5, new Dictionary<string, string>(withoutRegion) { ["region"] = "" });
        var health = SeriesMatch.Of(Grouped, 6, Labels("checkout", "eu", "/health", "200"));
        var perSeries = SeriesMatch.Of(Grouped with { GroupBy = [] }, 7, withoutRegion);

        Assert.Equal("", missing.GroupLabels!["region"]);
        Assert.Equal(missing.InstanceId, emptyRegion.InstanceId);
        Assert.False(health.Matched);
        Assert.Equal((true, 7L, null), (perSeries.Matched, perSeries.InstanceId, perSeries.GroupLabels));
    }

    private static Dictionary<string, string> Labels(string service, string region, string route, string status) => new()
    {
        ["service"] = service, ["region"] = region, ["route"] = route, ["status"] = status, ["method"] = "GET",
    };
}
