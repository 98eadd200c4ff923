using PerfMonitor.Alerting.Slos;

namespace PerfMonitor.Alerting.Tests.Slos;

/// <summary>The burn-rate rules an SLO generates: the SRE workbook's windows and factors, exactly.</summary>
public sealed class SloExpressionTests
{
    private static readonly Slo Availability = new(Guid.Parse("6f1c1a52-2d8e-4a43-9a51-0d6f4b7c9e10"), "checkout-availability", "checkout", 99.9,
        TimeSpan.FromDays(30), SloIndicator.Ratio("http_requests_total{service=\"checkout\",code!~\"5..\"}", "http_requests_total{service=\"checkout\"}"), "");

    private const string Good = "http_requests_total{service=\"checkout\", code!~\"5..\"}";
    private const string Total = "http_requests_total{service=\"checkout\"}";

    private static string Burn(string window) => $"(1 - (sum(rate({Good}[{window}])) / sum(rate({Total}[{window}])))) / 0.001";

    [Fact]
    public void The_page_alert_burns_14_4_over_1h_and_5m_or_6_over_6h_and_30m()
    {
        var (alert, _, request) = SloRuleGenerator.Rules(Availability).Single(r => r.Alert.Name == "page");

        Assert.Equal(
            $"({Burn("1h")} > 14.4 and {Burn("5m")} > 14.4) or ({Burn("6h")} > 6 and {Burn("30m")} > 6)",
            request.Expr);
        Assert.Equal("critical", request.Severity);
        Assert.Equal("page", alert.Action);
    }

    [Fact]
    public void The_ticket_alert_burns_3_over_1d_and_2h_or_1_over_3d_and_6h()
    {
        var (_, _, request) = SloRuleGenerator.Rules(Availability).Single(r => r.Alert.Name == "ticket");

        Assert.Equal(
            $"({Burn("1d")} > 3 and {Burn("2h")} > 3) or ({Burn("3d")} > 1 and {Burn("6h")} > 1)",
            request.Expr);
        Assert.Equal("warning", request.Severity);
    }

    [Fact]
    public void Generated_rules_are_expr_rules_labelled_with_the_slo_and_its_service_with_stable_ids()
    {
        var rules = SloRuleGenerator.Rules(Availability);

        Assert.All(rules, r => Assert.Equal("expr", r.Request.Kind));
        Assert.All(rules, r => Assert.Equal("checkout-availability", r.Request.Labels!["slo"]));
        Assert.All(rules, r => Assert.Equal("checkout", r.Request.Labels!["service"]));
        Assert.Equal(rules.Select(r => r.RuleId), SloRuleGenerator.Rules(Availability with { Objective = 99 }).Select(r => r.RuleId));
        Assert.Equal(2, rules.Select(r => r.RuleId).Distinct().Count());
    }

    [Fact]
    public void A_latency_indicator_counts_the_bucket_at_the_threshold_as_good_and_the_count_as_total()
    {
        var latency = SloIndicator.Latency("http_server_request_duration{service=\"gateway\"}", 0.25);

        Assert.Equal(
            "1 - (sum(rate(http_server_request_duration_bucket{service=\"gateway\", le=\"0.25\"}[1h])) / sum(rate(http_server_request_duration_count{service=\"gateway\"}[1h])))",
            SloExpressions.ErrorRatio(latency, TimeSpan.FromHours(1)));
    }
}
