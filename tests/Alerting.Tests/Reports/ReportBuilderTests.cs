using Google.Protobuf.WellKnownTypes;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Reports;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Tests.Reports;

/// <summary>
/// A report built from seeded typed inputs (analytics' gRPC messages and PromQL samples as the sources return them,
/// alert firings as alerting's history gives them) holds the numbers worked out by hand.
/// </summary>
public sealed class ReportBuilderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(7);

    private static ExprSample Route(string service, string route, string method, double value) =>
        new(new Dictionary<string, string> { ["service"] = service, ["route"] = route, ["method"] = method }, value);

    private static ExprSample Service(string service, double value) => new(new Dictionary<string, string> { ["service"] = service }, value);

    private static ReportInputs Inputs()
    {
        var health = new HealthScoresResponse();
        var shop = new ServiceHealth { Service = "shop", Score = 82, Status = "good" };
        shop.History.Add(new HealthHistoryPoint { Time = Timestamp.FromDateTimeOffset(Start.AddHours(1)), Score = 64, Status = "fair" });
        shop.History.Add(new HealthHistoryPoint { Time = Timestamp.FromDateTimeOffset(Start.AddDays(-1)), Score = 20, Status = "poor" });
        health.Services.Add(shop);
        health.Services.Add(new ServiceHealth { Service = "billing", Score = 45, Status = "poor" });

        var anomalies = new AnomaliesResponse();
        foreach (var (severity, score) in new[] { ("warning", 3.5), ("critical", 6.1), ("info", 2.2) })
        {
            var anomaly = new AnomalyInfo { Metric = "http_request_duration_ms", Severity = severity, Score = score };
            anomaly.Labels.Add("service", "shop");
            anomalies.Anomalies.Add(anomaly);
        }

        AlertFiring Firing(string rule, int firedMinute, int? resolvedAfterSeconds) => new(rule, "critical", Start.AddMinutes(firedMinute),
            resolvedAfterSeconds is { } s ? Start.AddMinutes(firedMinute).AddSeconds(s) : null);

        var routes = Enumerable.Range(1, 12).Select(i => Route("shop", $"/r{i}", "GET", i * 10)).ToList();
        return new ReportInputs(health, anomalies,
            [Firing("Checkout down", 10, 60), Firing("Checkout down", 100, 180), Firing("Checkout down", 200, null), Firing("Disk full", 300, 3600)],
            routes, [Route("shop", "/r12", "GET", 100), Route("shop", "/r11", "GET", 110)],
            [Service("shop", 1200), Service("billing", 300)], [Service("shop", 1000)],
            [Service("shop", 12)], [Service("shop", 30)],
            new Dictionary<string, string>());
    }

    private static Report Build() => ReportBuilder.Build(ReportKind.Weekly, Start, End, End, Inputs(), slowestRoutes: 10);

    [Fact]
    public void Alerts_count_firings_per_rule_with_their_mean_and_longest_time_to_resolve()
    {
        var checkout = Build().Alerts.Single(a => a.Rule == "Checkout down");

        Assert.Equal(3, checkout.Fired);
        Assert.Equal(2, checkout.Resolved);
        Assert.Equal(120, checkout.MeanSecondsToResolve);
        Assert.Equal(180, checkout.MaxSecondsToResolve);
        Assert.Equal("Checkout down", Build().Alerts[0].Rule);
    }

    [Fact]
    public void Slowest_routes_are_the_top_ten_by_p95_with_their_change_from_a_week_before()
    {
        var routes = Build().SlowestRoutes;

        Assert.Equal(10, routes.Count);
        Assert.Equal(["/r12", "/r11", "/r10"], routes.Take(3).Select(r => r.Route));
        Assert.Equal(20, routes[0].ChangePercent!.Value, 9);
        Assert.Equal(0, routes[1].ChangePercent!.Value, 9);
        Assert.Null(routes[2].PreviousP95);
        Assert.Null(routes[2].ChangePercent);
    }

    [Fact]
    public void Week_over_week_compares_requests_and_errors_per_service()
    {
        var traffic = Build().Traffic;

        var shop = traffic.Single(t => t.Service == "shop");
        Assert.Equal(1200, shop.Requests);
        Assert.Equal(1000, shop.PreviousRequests);
        Assert.Equal(20, shop.RequestsChangePercent!.Value, 9);
        Assert.Equal(12, shop.Errors);
        Assert.Equal(30, shop.PreviousErrors);
        Assert.Null(traffic.Single(t => t.Service == "billing").RequestsChangePercent);
    }

    [Fact]
    public void Health_lists_the_weakest_service_first_with_its_lowest_score_inside_the_period()
    {
        var health = Build().Health;

        Assert.Equal(["billing", "shop"], health.Select(h => h.Service));
        Assert.Equal(64, health[1].LowestScore);
        Assert.Null(health[0].LowestScore);
    }

    [Fact]
    public void Anomalies_are_counted_per_service_and_metric_with_the_highest_severity()
    {
        var anomaly = Assert.Single(Build().Anomalies);

        Assert.Equal(3, anomaly.Count);
        Assert.Equal("critical", anomaly.HighestSeverity);
        Assert.Equal(6.1, anomaly.HighestScore);
    }
}
