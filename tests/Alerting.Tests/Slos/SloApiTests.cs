using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfMonitor.Contracts.V1;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Slos;

/// <summary>
/// SLOs through the REST API against Debian's Prometheus serving the same PromQL analytics serves: validation, the rules
/// they own (read-only by hand), a fast burn that pages end to end, and the budget series.
/// </summary>
[Trait("Category", "System")]
public sealed class SloApiTests(BackfilledPrometheusHost host) : IClassFixture<BackfilledPrometheusHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private static object Ratio(string name, string service, double objective) => new
    {
        name, service, objective, window = "30d",
        indicator = new
        {
            kind = "ratio",
            good = $"{BackfilledPrometheusHost.Metric}{{service=\"{service}\",code!~\"5..\"}}",
            total = $"{BackfilledPrometheusHost.Metric}{{service=\"{service}\"}}",
        },
    };

    private async Task<JsonElement> CreateAsync(object slo)
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/slos", slo);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    private static string RuleId(JsonElement slo, string alert) =>
        slo.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("alert").GetString() == alert).GetProperty("id").GetString()!;

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_slo_is_refused_with_problem_details_naming_each_field()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/slos", new
        {
            name = "", objective = 100.5, window = "1h",
            indicator = new { kind = "ratio", good = "rate(x[5m])", total = "" },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["indicator.good", "indicator.total", "name", "objective", "service", "window"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("series selector", problem.GetProperty("errors").GetProperty("indicator.good")[0].GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_latency_slo_needs_a_named_histogram_and_a_positive_threshold()
    {
        var response = await host.Client.PostAsJsonAsync("/api/v1/slos", new
        {
            name = "latency", service = "shop", objective = 99, indicator = new { kind = "latency", histogram = "{service=\"shop\"}", threshold = -1 },
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["indicator.histogram", "indicator.threshold"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_rules_an_slo_owns_are_refused_to_hand_edits_over_rest_and_grpc_and_follow_the_slo()
    {
        var slo = await CreateAsync(Ratio("managed-" + Guid.NewGuid().ToString("N")[..6], "steady", 99.5));
        var ruleId = RuleId(slo, "ticket");
        var rule = await host.Client.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/v1/alert-rules/{ruleId}");
        Assert.Equal("expr", rule!["kind"].GetString());
        Assert.Contains("/ 0.005 > 3", rule["expr"].GetString());

        rule["enabled"] = JsonSerializer.SerializeToElement(false);
        var put = await host.Client.PutAsJsonAsync($"/api/v1/alert-rules/{ruleId}", rule);
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
        var delete = await host.Client.DeleteAsync($"/api/v1/alert-rules/{ruleId}");
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var grpc = await Assert.ThrowsAsync<RpcException>(() => new Alerts.AlertsClient(channel).DeleteRuleAsync(new DeleteRuleRequest { Id = ruleId }).ResponseAsync);

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"/api/v1/slos/{slo.GetProperty("id").GetString()}", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, grpc.StatusCode);

        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(slo.GetRawText())!;
        changed["objective"] = JsonSerializer.SerializeToElement(99.9);
        (await host.Client.PutAsJsonAsync($"/api/v1/slos/{slo.GetProperty("id").GetString()}", changed)).EnsureSuccessStatusCode();
        var rewritten = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{ruleId}");
        Assert.Contains("/ 0.001 > 3", rewritten.GetProperty("expr").GetString());
        Assert.True(rewritten.GetProperty("enabled").GetBoolean());

        (await host.Client.DeleteAsync($"/api/v1/slos/{slo.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/alert-rules/{ruleId}")).StatusCode);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_fast_burning_slo_fires_its_page_alert_with_the_slo_and_service_labels()
    {
        var name = "burning-" + Guid.NewGuid().ToString("N")[..6];
        var slo = await CreateAsync(Ratio(name, "burning", 99.9));
        var pageRule = RuleId(slo, "page");

        var alerts = await Eventually.GetAsync(
            () => host.Client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/alerts?ruleId={pageRule}&state=firing")!,
            a => a!.Count == 1, Patience, "the page alert firing");

        var alert = Assert.Single(alerts!);
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal(name, alert.GetProperty("labels").GetProperty("slo").GetString());
        Assert.Equal("burning", alert.GetProperty("labels").GetProperty("service").GetString());
        Assert.Equal("page", alert.GetProperty("labels").GetProperty("slo_action").GetString());
        // Half of the requests fail: an error ratio of 0.5 burns a 0.1 % budget 500 times as fast as it may.
        Assert.Equal(500, alert.GetProperty("value").GetDouble(), 6);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_budget_series_is_what_is_left_of_the_budget_at_each_step()
    {
        var slo = await CreateAsync(Ratio("steady-" + Guid.NewGuid().ToString("N")[..6], "steady", 99));
        var end = host.DataEnd.ToUnixTimeSeconds();

        var budget = await host.Client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/slos/{slo.GetProperty("id").GetString()}/budget?start={end - 600}&end={end}&step=60");

        var points = budget.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(11, points.Count);
        // 1 request in 400 fails: error ratio 0.0025 against a 1 % budget is a burn rate of 0.25, three quarters left.
        Assert.All(points, p => Assert.Equal(0.75, p.GetProperty("remaining").GetDouble(), 9));
        Assert.All(points, p => Assert.Equal(0.25, p.GetProperty("burnRate").GetDouble(), 9));
        Assert.Equal("30d", budget.GetProperty("window").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_budget_range_with_too_many_points_is_refused_naming_step()
    {
        var slos = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/slos");
        var id = slos![0].GetProperty("id").GetString();

        var response = await host.Client.GetAsync($"/api/v1/slos/{id}/budget?start=0&end=86400000&step=1");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("step", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task Seed_002s_targets_ship_as_example_slos_on_the_gateways_request_histogram_with_their_rules()
    {
        var slos = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/slos");

        var availability = slos!.Single(s => s.GetProperty("name").GetString() == "gateway-availability");
        var latency = slos!.Single(s => s.GetProperty("name").GetString() == "gateway-latency-p99");
        Assert.Equal(99.9, availability.GetProperty("objective").GetDouble());
        Assert.Equal("latency", latency.GetProperty("indicator").GetProperty("kind").GetString());
        Assert.Equal(0.25, latency.GetProperty("indicator").GetProperty("threshold").GetDouble());
        var ruleId = RuleId(latency, "page");
        var rule = await Eventually.GetAsync(() => host.Client.GetAsync($"/api/v1/alert-rules/{ruleId}"), r => r.IsSuccessStatusCode, Patience, "the example SLO's rule");
        var expr = (await rule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expr").GetString();
        Assert.Contains("http_server_request_duration_bucket{service=\"gateway\", le=\"0.25\"}", expr);
    }

    [Fact(Timeout = 60_000)]
    public async Task Slos_are_created_listed_updated_refused_deleted_and_budgeted_over_grpc_as_over_rest()
    {
        using var channel = GrpcChannel.ForAddress(host.GrpcUrl);
        var client = new Alerts.AlertsClient(channel);
        var service = "steady";
        var spec = new SloSpec
        {
            Name = "grpc-" + Guid.NewGuid().ToString("N")[..6], Service = service, Objective = 99, Window = "30d",
            Indicator = new SloIndicator
            {
                Kind = "ratio",
                Good = $"{BackfilledPrometheusHost.Metric}{{service=\"{service}\",code!~\"5..\"}}",
                Total = $"{BackfilledPrometheusHost.Metric}{{service=\"{service}\"}}",
            },
        };
        var end = host.DataEnd.ToUnixTimeSeconds();

        var created = await client.CreateSloAsync(spec);
        var listed = await client.ListSlosAsync(new ListSlosRequest());
        spec.Objective = 99.5;
        var updated = await client.UpdateSloAsync(new UpdateSloRequest { Id = created.Id, Slo = spec });
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateSloAsync(new SloSpec { Name = "", Objective = 100.5, Window = "1h" }));
        var budget = await client.GetSloBudgetAsync(new GetSloBudgetRequest
        {
            Id = created.Id, Start = (end - 600).ToString(System.Globalization.CultureInfo.InvariantCulture),
            End = end.ToString(System.Globalization.CultureInfo.InvariantCulture), Step = "60",
        });
        var rest = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/slos/{created.Id}/budget?start={end - 600}&end={end}&step=60");
        var tooFine = await Assert.ThrowsAsync<RpcException>(async () => await client.GetSloBudgetAsync(new GetSloBudgetRequest { Id = created.Id, Start = "0", End = "86400000", Step = "1" }));
        await client.DeleteSloAsync(new DeleteSloRequest { Id = created.Id });
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await client.DeleteSloAsync(new DeleteSloRequest { Id = created.Id }));

        Assert.Equal(2, created.Rules.Count);
        Assert.Contains(listed.Slos, s => s.Id == created.Id && s.Indicator.Kind == "ratio");
        Assert.Equal(99.5, updated.Objective);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("objective:", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("window:", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(rest.GetProperty("points").GetArrayLength(), budget.Points.Count);
        Assert.Equal(rest.GetProperty("points")[0].GetProperty("remaining").GetDouble(), budget.Points[0].Remaining, 9);
        Assert.Equal(rest.GetProperty("points")[0].GetProperty("burnRate").GetDouble(), budget.Points[0].BurnRate, 9);
        Assert.Equal(StatusCode.InvalidArgument, tooFine.StatusCode);
        Assert.Contains("step:", tooFine.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }
}
