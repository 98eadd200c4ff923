using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>PUT/GET /api/v1/routing in JSON and Alertmanager YAML, refusals by field path, and the dry run.</summary>
public sealed class RoutingApiTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 60_000)]
    public async Task The_dry_run_names_the_receivers_and_route_path_an_alert_would_reach()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var team = await host.WebhookReceiverAsync(receiver);
        var pager = await host.WebhookReceiverAsync(receiver);
        var fallback = await host.WebhookReceiverAsync(receiver);
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {fallback}
              group_by: [alertname]
              routes:
              - matchers: [team="db"]
                receiver: {team}
                continue: true
              - matchers: [severity="critical"]
                receiver: {pager}
                group_by: [...]
            """);

        var response = await host.Client.PostAsJsonAsync("/api/v1/routing/dry-run", new { labels = new { alertname = "Disk", team = "db", severity = "critical" } });

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([team, pager], result.GetProperty("receivers").EnumerateArray().Select(r => r.GetString()));
        var routes = result.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal("{}/{team=\"db\"}", routes[0].GetProperty("route").GetString());
        Assert.Equal("0s", routes[1].GetProperty("groupWait").GetString());
        Assert.Equal(3, routes[1].GetProperty("groupLabels").EnumerateObject().Count());
        var other = await (await host.Client.PostAsJsonAsync("/api/v1/routing/dry-run", new { labels = new { alertname = "Disk", severity = "warning" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([fallback], other.GetProperty("receivers").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("30s", other.GetProperty("routes")[0].GetProperty("groupWait").GetString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("route:\n  receiver: nobody-by-this-name\n", "route.receiver")]
    [InlineData("route:\n  receiver: {0}\n  routes:\n  - matchers: ['env=~\"(\"']\n", "route.routes[0].matchers[0]")]
    [InlineData("route:\n  receiver: {0}\n  routes:\n  - group_wait: soon\n", "route.routes[0].group_wait")]
    [InlineData("route:\n  receiver: {0}\n  routes:\n  - mute_time_intervals: [weekends]\n", "route.routes[0].mute_time_intervals[0]")]
    [InlineData("route:\n  receiver: {0}\ntime_intervals:\n- name: nights\n  time_intervals:\n  - times: [{{start_time: '22:00', end_time: '06:00'}}]\n", "time_intervals[0].time_intervals[0].times[0]")]
    [InlineData("route:\n  receiver: {0}\ninhibit_rules:\n- target_matchers: [severity=warning]\n", "inhibit_rules[0].source_matchers")]
    [InlineData("route:\n  receiver: {0}\n  group_wiat: 1m\n", "body")]
    public async Task An_invalid_routing_configuration_is_refused_naming_the_field(string yaml, string field)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var name = await host.WebhookReceiverAsync(receiver);

        var response = await host.Client.PutAsync("/api/v1/routing", new StringContent(string.Format(System.Globalization.CultureInfo.InvariantCulture, yaml, name), Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_json_configuration_is_stored_and_read_back_with_alertmanagers_names()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var name = await host.WebhookReceiverAsync(receiver);
        var config = new Dictionary<string, object>
        {
            ["route"] = new Dictionary<string, object> { ["receiver"] = name, ["group_by"] = new[] { "service" }, ["repeat_interval"] = "2h" },
            ["time_intervals"] = new[] { new Dictionary<string, object> { ["name"] = "weekdays", ["time_intervals"] = new[] { new Dictionary<string, object> { ["weekdays"] = new[] { "monday:friday" } } } } },
        };

        (await host.Client.PutAsJsonAsync("/api/v1/routing", config)).EnsureSuccessStatusCode();
        var stored = await host.Client.GetFromJsonAsync<JsonElement>("/api/v1/routing");

        Assert.Equal(name, stored.GetProperty("route").GetProperty("receiver").GetString());
        Assert.Equal("2h", stored.GetProperty("route").GetProperty("repeat_interval").GetString());
        Assert.Equal("monday:friday", stored.GetProperty("time_intervals")[0].GetProperty("time_intervals")[0].GetProperty("weekdays")[0].GetString());
    }
}
