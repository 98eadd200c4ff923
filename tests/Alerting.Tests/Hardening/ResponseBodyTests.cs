using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>Receivers that answer with headers and then stream forever or stall: the body is read only so far and so long.</summary>
[Collection(HostileReceivers.Name)]
public sealed class ResponseBodyTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Far above the configured body limit plus socket buffers, far below what a whole-body buffer takes in a second.</summary>
    private const long BoundedBytes = 16 * 1024 * 1024;

    [Fact(Timeout = 90_000)]
    public async Task An_endless_2xx_body_is_read_only_up_to_the_limit_and_the_notification_is_delivered()
    {
        await using var receiver = await HostileReceiver.StartAsync();
        var ruleId = await RuleAsync(receiver.EndlessUrl());

        var notification = await SendTestAsync(ruleId, n => n.GetProperty("status").GetString() == "delivered");

        Assert.Equal(200, notification.GetProperty("lastStatusCode").GetInt32());
        Assert.InRange(receiver.BytesWritten, 0, BoundedBytes);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Abandoned), a => a >= 1, Patience, "the receiver to see the caller hang up");
    }

    [Fact(Timeout = 90_000)]
    public async Task A_2xx_whose_body_stalls_after_the_headers_is_delivered_while_the_receiver_still_stalls()
    {
        await using var receiver = await HostileReceiver.StartAsync();
        var ruleId = await RuleAsync(receiver.StallUrl());

        var notification = await SendTestAsync(ruleId, n => n.GetProperty("status").GetString() == "delivered");

        Assert.Equal(200, notification.GetProperty("lastStatusCode").GetInt32());
        // Each stalled response (a slow first connection may have timed out and been retried) was hung up on, none waited out.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Abandoned), a => a >= 1 && a == receiver.Requests, Patience, "the caller to hang up on every stalled body");
    }

    [Theory(Timeout = 90_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_503_whose_body_never_ends_is_recorded_as_a_503_not_as_a_timeout(bool endless)
    {
        await using var receiver = await HostileReceiver.StartAsync();
        var ruleId = await RuleAsync(endless ? receiver.EndlessUrl(503) : receiver.StallUrl(503));

        var notification = await SendTestAsync(ruleId, n => n.TryGetProperty("lastStatusCode", out var code) && code.ValueKind == JsonValueKind.Number);

        Assert.Equal(503, notification.GetProperty("lastStatusCode").GetInt32());
        Assert.StartsWith("HTTP 503", notification.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", notification.GetProperty("status").GetString());
        Assert.InRange(receiver.BytesWritten, 0, BoundedBytes);
    }

    private async Task<string> RuleAsync(string url) =>
        (await host.CreateRuleAsync(DeliveryTests.Rule(url))).GetProperty("id").GetString()!;

    private async Task<JsonElement> SendTestAsync(string ruleId, Func<JsonElement, bool> done)
    {
        await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId), l => l.Count == 1 && done(l[0]), Patience, "the notification's outcome");
        return log[0];
    }
}
