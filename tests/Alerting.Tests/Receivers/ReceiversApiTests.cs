using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>/api/v1/receivers: CRUD, problem+json naming the field, secrets write-only, a receiver the tree or a report schedule names kept.</summary>
public sealed class ReceiversApiTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact(Timeout = 60_000)]
    public async Task A_receivers_secret_is_write_only_and_kept_when_a_replacement_leaves_it_out()
    {
        var name = $"slack-{Guid.NewGuid():N}"[..16];
        var created = await host.CreateReceiverAsync(new { name, kind = "slack", secret = "http://127.0.0.1:9/services/T000/B000/XXXX" });

        Assert.True(created.GetProperty("hasSecret").GetBoolean());
        Assert.Equal("http://127.0.0.1:9", created.GetProperty("target").GetString());
        Assert.DoesNotContain("XXXX", created.ToString(), StringComparison.Ordinal);
        var replaced = await host.Client.PutAsJsonAsync($"/api/v1/receivers/{name}", new { kind = "slack", sendResolved = false });
        var view = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True(view.GetProperty("hasSecret").GetBoolean());
        Assert.False(view.GetProperty("sendResolved").GetBoolean());
        var stored = await host.Database.CreateCommand($"SELECT secret FROM perfmon.receivers WHERE name = '{name}'").ExecuteScalarAsync();
        Assert.DoesNotContain("XXXX", (string)stored!, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("""{"name":"r1","kind":"carrier-pigeon"}""", "kind")]
    [InlineData("""{"name":"r2","kind":"webhook"}""", "url")]
    [InlineData("""{"name":"r3","kind":"msteams"}""", "secret")]
    [InlineData("""{"name":"r4","kind":"pagerduty"}""", "secret")]
    [InlineData("""{"name":"r5","kind":"email","email":{"to":["ops@example.com"],"from":"pm@example.com","smarthost":"smtp.example.com"}}""", "email.smarthost")]
    [InlineData("""{"name":"r6","kind":"email","email":{"to":["not an address"],"from":"pm@example.com","smarthost":"smtp.example.com:25"}}""", "email.to[0]")]
    [InlineData("""{"name":"r7","kind":"webhook","url":"http://169.254.169.254/latest/"}""", "url")]
    [InlineData("""{"name":"","kind":"webhook","url":"http://example.com/"}""", "name")]
    public async Task An_invalid_receiver_is_refused_with_problem_details_naming_the_field(string json, string field)
    {
        var response = await host.Client.PostAsync("/api/v1/receivers", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_taken_name_is_a_conflict_and_a_receiver_the_tree_routes_to_cannot_be_deleted()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var name = await host.WebhookReceiverAsync(receiver);
        var again = await host.Client.PostAsJsonAsync("/api/v1/receivers", new { name, kind = "webhook", url = receiver.Url });
        await host.PutRoutingYamlAsync($"route:\n  receiver: {name}\n");

        var deleted = await host.Client.DeleteAsync($"/api/v1/receivers/{name}");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Equal("application/problem+json", deleted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/api/v1/receivers/{name}")).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_receiver_a_report_schedule_names_cannot_be_deleted_and_the_problem_names_the_schedules()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var name = await host.WebhookReceiverAsync(receiver);
        foreach (var kind in new[] { "daily", "weekly" })
        {
            (await host.Client.PutAsJsonAsync($"/api/v1/reports/schedules/{kind}", new { receivers = new[] { name } })).EnsureSuccessStatusCode();
        }

        var refused = await host.Client.DeleteAsync($"/api/v1/receivers/{name}");
        (await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/daily", new { receivers = Array.Empty<string>() })).EnsureSuccessStatusCode();
        var stillWeekly = await host.Client.DeleteAsync($"/api/v1/receivers/{name}");
        (await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/weekly", new { receivers = Array.Empty<string>() })).EnsureSuccessStatusCode();
        var deleted = await host.Client.DeleteAsync($"/api/v1/receivers/{name}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"the daily and weekly report schedules send to '{name}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stillWeekly.StatusCode);
        Assert.Contains("the weekly report schedule", (await stillWeekly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unused_receiver_is_deleted()
    {
        var name = $"gone-{Guid.NewGuid():N}"[..16];
        await host.CreateReceiverAsync(new { name, kind = "alertmanager", url = "http://127.0.0.1:9093" });

        var deleted = await host.Client.DeleteAsync($"/api/v1/receivers/{name}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/v1/receivers/{name}")).StatusCode);
    }
}
