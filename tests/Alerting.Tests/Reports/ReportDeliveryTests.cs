using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Receivers;
using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Reports;

/// <summary>
/// Reports sent to the receivers their schedule names, through the notification outbox: e-mail as HTML to a real SMTP
/// server, Slack blocks and webhook JSON to local HTTP receivers; a failed send is retried and arrives once.
/// </summary>
public sealed class ReportDeliveryTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_report_goes_to_its_schedules_receivers_as_html_email_slack_blocks_and_webhook_json_once_each()
    {
        await using var smtp = await SmtpProcess.StartAsync();
        await using var slack = await TestReceiver.StartAsync();
        await using var hook = await TestReceiver.StartAsync();
        var schedule = DocExamples.Json("report-schedule");
        var names = schedule["receivers"]!.AsArray().Select(n => (string)n!).ToList();
        await host.CreateReceiverAsync(new { name = names[0], kind = "email", email = new { to = new[] { "team@example.com" }, from = "perfmon@example.com", smarthost = $"127.0.0.1:{smtp.Port}" } });
        await host.CreateReceiverAsync(new { name = names[1], kind = "slack", secret = slack.Url });
        await host.CreateReceiverAsync(new { name = names[2], kind = "webhook", url = hook.Url });
        hook.FailNext(1, 503);
        try
        {
            var put = await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/daily", schedule);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

            var response = await host.Client.PostAsJsonAsync("/api/v1/reports", new { kind = "daily" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            var mail = await Eventually.GetAsync(() => Task.FromResult(SmtpMessages.Read(smtp.Printed).FirstOrDefault()), m => m is not null, Patience, "the report e-mail");
            await Eventually.GetAsync(() => Task.FromResult(slack.Accepted.Count + hook.Accepted.Count), n => n == 2, Patience, "the Slack and webhook reports");
            var rows = await Eventually.GetAsync(() => DeliveriesAsync(id), r => r.Count == 3 && r.All(s => s == "delivered"), Patience, "three delivered outbox rows");

            Assert.StartsWith("PerfMonitor daily report", mail!.Subject, StringComparison.Ordinal);
            Assert.Contains("<h1>PerfMonitor daily report", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($"/api/v1/reports/{id}/html", mail.TextBody, StringComparison.Ordinal);
            var blocks = JsonDocument.Parse(slack.Accepted.Single().Body).RootElement.GetProperty("blocks");
            Assert.Equal("header", blocks[0].GetProperty("type").GetString());
            Assert.Equal("report", slack.Accepted.Single().Event);
            var posted = JsonDocument.Parse(hook.Accepted.Single().Body).RootElement;
            Assert.Equal(id, posted.GetProperty("reportId").GetString());
            Assert.Equal("daily", posted.GetProperty("report").GetProperty("kind").GetString());
            // The 503 was retried with the same idempotency key; the receiver accepted the report once.
            Assert.Equal(2, hook.Requests.Count);
            Assert.Single(hook.Requests.Select(r => r.IdempotencyKey).Distinct());
            Assert.Single(SmtpMessages.Read(smtp.Printed));
        }
        finally
        {
            await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/daily", new { receivers = Array.Empty<string>() });
        }
    }

    [Theory(Timeout = 60_000)]
    [InlineData("daily", """{"receivers":["no-such-receiver"]}""", "receivers[0]")]
    [InlineData("daily", """{}""", "receivers")]
    [InlineData("monthly", """{"receivers":[]}""", "kind")]
    public async Task An_invalid_schedule_is_refused_with_problem_details_naming_the_field(string kind, string json, string field)
    {
        var response = await host.Client.PutAsync($"/api/v1/reports/schedules/{kind}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_receiver_that_takes_no_reports_is_refused_and_the_schedules_list_their_cron()
    {
        var name = $"pd-{Guid.NewGuid():N}"[..16];
        await host.CreateReceiverAsync(new { name, kind = "pagerduty", secret = "R0UTINGKEY0123456789abcdefABCDEF", url = "http://127.0.0.1:9/v2/enqueue" });

        var response = await host.Client.PutAsJsonAsync("/api/v1/reports/schedules/weekly", new { receivers = new[] { name } });
        var schedules = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/reports/schedules");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pagerduty", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("receivers[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["daily", "weekly"], schedules!.Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal("0 6 * * 1", schedules![1].GetProperty("cron").GetString());
    }

    private async Task<List<string>> DeliveriesAsync(string reportId)
    {
        await using var command = host.Database.CreateCommand("SELECT status FROM perfmon.notifications WHERE rule_id = $1");
        command.Parameters.AddWithValue(Guid.Parse(reportId));
        var statuses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statuses.Add(reader.GetString(0));
        }
        return statuses;
    }
}
