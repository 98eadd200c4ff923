using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Reports;

/// <summary>
/// Reports made by the running service over alert history seeded in its PostgreSQL, kept and listed; with no analytics
/// configured the analytics sections say so and the report is still made.
/// </summary>
public sealed class ReportsApiTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task SeedFiringAsync(Guid ruleId, long seriesId, DateTimeOffset firedAt, TimeSpan? resolvedAfter)
    {
        await SeedTransitionAsync(ruleId, seriesId, "pending", "firing", firedAt);
        if (resolvedAfter is { } after)
        {
            await SeedTransitionAsync(ruleId, seriesId, "firing", "resolved", firedAt + after);
        }
    }

    private async Task SeedTransitionAsync(Guid ruleId, long seriesId, string from, string to, DateTimeOffset at)
    {
        await using var command = host.Database.CreateCommand(
            "INSERT INTO perfmon.alert_history (rule_id, series_id, from_state, to_state, value, at) VALUES ($1, $2, $3, $4, 1, $5)");
        command.Parameters.AddWithValue(ruleId);
        command.Parameters.AddWithValue(seriesId);
        command.Parameters.AddWithValue(from);
        command.Parameters.AddWithValue(to);
        command.Parameters.AddWithValue(at);
        await command.ExecuteNonQueryAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_report_over_seeded_alert_history_holds_the_firings_and_their_time_to_resolve()
    {
        var name = "Queue <stuck> " + Guid.NewGuid().ToString("N")[..6];
        var rule = await host.CreateRuleAsync(new { name, metric = "queue_depth", condition = "greater_than", threshold = 100, severity = "error" });
        var ruleId = Guid.Parse(rule.GetProperty("id").GetString()!);
        var now = DateTimeOffset.UtcNow;
        await SeedFiringAsync(ruleId, 1, now.AddHours(-3), TimeSpan.FromSeconds(120));
        await SeedFiringAsync(ruleId, 2, now.AddHours(-2), TimeSpan.FromSeconds(240));
        await SeedFiringAsync(ruleId, 1, now.AddMinutes(-30), null);
        await SeedFiringAsync(ruleId, 3, now.AddDays(-3), TimeSpan.FromSeconds(60));

        var response = await host.Client.PostAsJsonAsync("/api/v1/reports", new { kind = "daily" });
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var line = created.GetProperty("report").GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("rule").GetString() == name);
        Assert.Equal(3, line.GetProperty("fired").GetInt32());
        Assert.Equal(2, line.GetProperty("resolved").GetInt32());
        Assert.Equal(180, line.GetProperty("meanSecondsToResolve").GetDouble(), 3);
        Assert.Equal(240, line.GetProperty("maxSecondsToResolve").GetDouble(), 3);
        Assert.Equal("error", line.GetProperty("severity").GetString());
        var unavailable = created.GetProperty("report").GetProperty("unavailable");
        Assert.Contains("services:analytics", unavailable.GetProperty("traffic").GetString());
        Assert.Contains("services:analytics:grpc:0", unavailable.GetProperty("health").GetString());

        var id = created.GetProperty("id").GetString();
        var listed = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/reports?kind=daily");
        Assert.Contains(listed!, r => r.GetProperty("id").GetString() == id);
        var html = await host.Client.GetAsync($"/api/v1/reports/{id}/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains(name.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal), await html.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_scheduler_makes_the_latest_weekly_report_when_none_is_kept()
    {
        var reports = await Eventually.GetAsync(
            () => host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/reports?kind=weekly")!, r => r!.Count > 0, Patience, "the weekly report");

        var weekly = reports![0];
        var end = weekly.GetProperty("periodEnd").GetDateTimeOffset();
        Assert.Equal(DayOfWeek.Monday, end.UtcDateTime.DayOfWeek);
        Assert.Equal(6, end.UtcDateTime.Hour);
        Assert.Equal(TimeSpan.FromDays(7), end - weekly.GetProperty("periodStart").GetDateTimeOffset());
        Assert.True(end <= DateTimeOffset.UtcNow);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_kind_is_refused_naming_kind()
    {
        var post = await host.Client.PostAsJsonAsync("/api/v1/reports", new { kind = "monthly" });
        var list = await host.Client.GetAsync("/api/v1/reports?kind=hourly");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.True((await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _));
    }
}
