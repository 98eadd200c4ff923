using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

[LongRunning]
public sealed class DeliveryTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 90_000)]
    public async Task A_receiver_failing_then_recovering_gets_every_notification_exactly_once_per_idempotency_key_and_signed()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.FailNext(4, status: 503);
        var rule = await host.CreateRuleAsync(Rule(receiver.Url, secret: "s3cret"));
        var ruleId = rule.GetProperty("id").GetString();

        var sent = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var test = await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
            Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
            sent.Add((await test.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notificationId").GetGuid());
        }

        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), count => count >= 5, Patience, "all five accepted");
        await Task.Delay(1000);
        var accepted = receiver.Accepted.ToList();
        Assert.Equal(sent.Order(), accepted.Select(a => Guid.Parse(a.IdempotencyKey!)).Order());
        Assert.True(receiver.Requests.Count > 5, "the receiver's failures were retried");
        Assert.All(accepted, a => Assert.Equal(WebhookSigner.Sign("s3cret", a.Body), a.Signature));
        var log = await host.NotificationsAsync(ruleId!);
        Assert.All(log, n => Assert.Equal("delivered", n.GetProperty("status").GetString()));
        Assert.Contains(log, n => n.GetProperty("log").EnumerateArray().Any(a => a.GetProperty("statusCode").ValueKind == JsonValueKind.Number && a.GetProperty("statusCode").GetInt32() == 503));
        Assert.DoesNotContain("s3cret", await host.Client.GetStringAsync($"/api/v1/alert-rules/{ruleId}"));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_receiver_that_times_out_opens_its_breaker_and_deliveries_wait_then_drain()
    {
        await using var receiver = await TestReceiver.StartAsync();
        // Every request stalls until released: each attempt runs into the host's attempt limit, however long that is.
        receiver.Hold();
        var ruleId = (await host.CreateRuleAsync(Rule(receiver.Url))).GetProperty("id").GetString();

        for (var i = 0; i < 4; i++)
        {
            await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        }
        var breakers = await Eventually.GetAsync(
            () => host.Client.GetFromJsonAsync<Dictionary<string, string>>("/api/v1/notifications/breakers")!,
            states => states!.GetValueOrDefault(receiver.BaseUrl) == "open", Patience, "the receiver's breaker to open");
        // The round that opened the breaker records its timeouts when it commits, a moment later.
        var whileOpen = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId!),
            log => log.Count == 4 && log.Any(n => n.GetProperty("lastError").GetString()?.Contains("timed out", StringComparison.Ordinal) == true),
            Patience, "the timeouts in the delivery log");
        receiver.Release();

        Assert.Equal("open", breakers![receiver.BaseUrl]);
        Assert.All(whileOpen, n => Assert.Equal("pending", n.GetProperty("status").GetString()));
        Assert.Contains(whileOpen, n => n.GetProperty("lastError").GetString()?.Contains("timed out", StringComparison.Ordinal) == true);
        var drained = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId!),
            log => log.All(n => n.GetProperty("status").GetString() == "delivered"), Patience, "the waiting deliveries to drain");
        Assert.Equal(4, drained.Count);
        Assert.Contains(drained, n => n.GetProperty("log").EnumerateArray().Any(a => a.GetProperty("outcome").GetString() == "breaker_open"));
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count()), c => c == 4, Patience, "four distinct keys");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_permanent_4xx_is_dead_lettered_at_once_and_can_be_replayed_when_fixed()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Status = 404;
        var ruleId = (await host.CreateRuleAsync(Rule(receiver.Url))).GetProperty("id").GetString();

        await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        var dead = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId!),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "dead", Patience, "a dead letter");
        receiver.Status = 200;
        var replay = await host.Client.PostAsync($"/api/v1/notifications/{dead[0].GetProperty("id").GetString()}/replay", null);

        Assert.Equal(1, dead[0].GetProperty("attempts").GetInt32());
        Assert.Equal(404, dead[0].GetProperty("lastStatusCode").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "the replayed delivery");
        Assert.Equal(dead[0].GetProperty("id").GetString(), receiver.Accepted.Single().IdempotencyKey);
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_dispatchers_share_the_outbox_without_sending_a_row_twice()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(200);
        var rule = (await host.App.Services.GetRequiredService<RuleStore>().GetAsync(
            Guid.Parse((await host.CreateRuleAsync(Rule(receiver.Url))).GetProperty("id").GetString()!), CancellationToken.None))!;
        var factory = host.App.Services.GetRequiredService<NotificationFactory>();
        var outbox = host.App.Services.GetRequiredService<NotificationOutbox>();
        var dispatcher = host.App.Services.GetRequiredService<OutboxDispatcher>();
        for (var i = 0; i < 40; i++)
        {
            await outbox.AddAsync(factory.Create(rule, new AlertEvent(AlertEventKind.Test, i, new Dictionary<string, string>(), i, null, null, null)), CancellationToken.None);
        }

        // Four rounds at once beside the service's own dispatcher: each row is locked by exactly one of them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatcher.DrainOnceAsync(CancellationToken.None))));
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c >= 40, Patience, "all forty");
        await Task.Delay(500);

        Assert.Equal(40, receiver.Requests.Count);
        Assert.Equal(40, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("json")]
    [InlineData("slack")]
    [InlineData("alertmanager")]
    public async Task The_test_endpoint_sends_in_the_rules_format(string format)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var ruleId = (await host.CreateRuleAsync(Rule(receiver.Url, format: format))).GetProperty("id").GetString();

        await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, Patience, "the test notification");

        var body = JsonDocument.Parse(receiver.Accepted.Single().Body).RootElement;
        Assert.Equal("test", receiver.Accepted.Single().Event);
        switch (format)
        {
            case "json":
                Assert.Equal("1", body.GetProperty("version").GetString());
                Assert.Equal(ruleId, body.GetProperty("ruleId").GetString());
                break;
            case "slack":
                Assert.Contains("TEST", body.GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.True(body.GetProperty("blocks").GetArrayLength() > 0);
                break;
            default:
                Assert.Equal("4", body.GetProperty("version").GetString());
                Assert.Equal("firing", body.GetProperty("alerts")[0].GetProperty("status").GetString());
                break;
        }
    }

    public static object Rule(string url, string format = "json", string? secret = null, string metric = "delivery_probe") => new
    {
        name = $"delivery {Guid.NewGuid():N}"[..20],
        kind = "threshold",
        metric,
        condition = "greater_than",
        threshold = 1,
        webhookUrl = url,
        format,
        secret,
    };
}
