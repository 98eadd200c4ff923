using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// A service that waits a minute and a half for a receiver, so a stalled one holds its delivery that long, on a lease of
/// three seconds renewed every second: a stalled delivery outlives many leases.
/// </summary>
public sealed class PatientDeliveryHost : AlertingHost
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Alerting:Delivery:AttemptTimeout"] = "00:01:30";
        settings["Alerting:Delivery:RetryAttempts"] = "0";
        settings["Alerting:Delivery:LeaseDuration"] = "00:00:03";
        settings["Alerting:Delivery:LeaseRenewalInterval"] = "00:00:01";
    }
}

[Trait("Category", "System")]
[LongRunning]
public sealed class OutboxLeaseTests(PatientDeliveryHost host) : IClassFixture<PatientDeliveryHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StallAtLeast = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 180_000)]
    public async Task A_stalled_receiver_holds_no_lock_on_its_row_its_rule_or_the_rest_of_the_outbox()
    {
        await using var slow = await TestReceiver.StartAsync();
        await using var fast = await TestReceiver.StartAsync();
        slow.Hold();
        var slowRule = await RuleAsync(slow.Url);
        var fastRule = await RuleAsync(fast.Url);

        var stalled = await SendTestAsync(slowRule);
        await Eventually.GetAsync(() => Task.FromResult(slow.Requests.Count), c => c == 1, Patience, "the slow receiver to hold the request");
        var stallStarted = Stopwatch.StartNew();
        await using var other = await host.Database.OpenConnectionAsync();
        await ExecuteAsync(other, "SET lock_timeout = '2s'");
        var touched = await ExecuteAsync(other, "UPDATE perfmon.notifications SET last_error = 'touched while in flight' WHERE id = $1", stalled);
        var disabled = await ExecuteAsync(other, "UPDATE perfmon.alert_rules SET enabled = false WHERE id = $1", slowRule);
        var claimedMeanwhile = await NotificationOutbox.ClaimDueAsync(other, null, 100, TimeSpan.FromSeconds(1), CancellationToken.None);
        await SendTestAsync(fastRule);
        var fastLog = await Eventually.GetAsync(() => host.NotificationsAsync(fastRule.ToString()),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "delivered", Patience, "the other receiver's notification to be delivered");
        var whileStalled = slow.Accepted.Count;
        await Task.Delay(StallAtLeast - stallStarted.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        slow.Release();

        Assert.Equal(1, touched);
        Assert.Equal(1, disabled);
        Assert.DoesNotContain(claimedMeanwhile, n => n.Id == stalled);
        Assert.Equal(0, whileStalled);
        Assert.Single(fast.Accepted);
        Assert.Equal("delivered", fastLog[0].GetProperty("status").GetString());
        await Eventually.GetAsync(() => host.NotificationsAsync(slowRule.ToString()),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "delivered", Patience, "the stalled notification to be delivered once released");
        Assert.Single(slow.Accepted);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_dispatcher_that_dies_mid_send_leaves_its_rows_to_be_sent_again_under_the_same_keys_once_the_lease_passes()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var services = host.App.Services;
        var (rule, rows) = await DeadDispatcher.RowsAsync(host, receiver.Url, 3);

        // The dispatcher that dies sends the first row and never records anything.
        var leased = await DeadDispatcher.LeaseAsync(host.Database, rows, TimeSpan.FromSeconds(3));
        var sentBeforeDying = leased.Single(n => n.Id == rows[0].Id);
        var pipelines = services.GetRequiredService<ReceiverPipelines>();
        await services.GetRequiredService<WebhookClient>().SendAsync(sentBeforeDying, pipelines.For(sentBeforeDying.Host), [], CancellationToken.None);

        var log = await Eventually.GetAsync(() => host.NotificationsAsync(rule.Id.ToString()),
            l => l.Count == 3 && l.All(n => n.GetProperty("status").GetString() == "delivered"), Patience, "the three rows delivered after the lease");
        var keys = receiver.Accepted.Select(a => Guid.Parse(a.IdempotencyKey!)).ToList();

        Assert.Subset(leased.Select(n => n.Id).ToHashSet(), rows.Select(r => r.Id).ToHashSet());
        Assert.Equal(rows.Select(r => r.Id).Order(), keys.Distinct().Order());
        Assert.Equal(2, keys.Count(k => k == rows[0].Id));
        Assert.All(rows.Skip(1), r => Assert.Single(keys, k => k == r.Id));
        Assert.All(log, n => Assert.Equal(1, n.GetProperty("attempts").GetInt32()));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_slow_delivery_renews_its_lease_so_no_second_dispatcher_takes_its_row_past_the_original_lease()
    {
        await using var slow = await TestReceiver.StartAsync();
        slow.Hold();
        var rule = await RuleAsync(slow.Url);

        var stalled = await SendTestAsync(rule);
        await Eventually.GetAsync(() => Task.FromResult(slow.Requests.Count), c => c == 1, Patience, "the slow receiver to hold the request");
        var held = Stopwatch.StartNew();
        var takenBySecond = new List<Guid>();
        await using (var second = await host.Database.OpenConnectionAsync())
        {
            // A second dispatcher looks for due rows through four of the first one's leases.
            while (held.Elapsed < PatientDeliveryHost.Lease * 4)
            {
                var claimed = await NotificationOutbox.ClaimDueAsync(second, null, 100, PatientDeliveryHost.Lease, CancellationToken.None);
                takenBySecond.AddRange(claimed.Select(n => n.Id));
                await Task.Delay(PatientDeliveryHost.Lease / 6);
            }
        }
        slow.Release();
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(rule.ToString()),
            l => l.Count == 1 && l[0].GetProperty("status").GetString() == "delivered", Patience, "the stalled notification delivered once released");

        Assert.DoesNotContain(stalled, takenBySecond);
        Assert.Single(slow.Requests);
        Assert.Single(slow.Accepted);
        Assert.Equal(1, log[0].GetProperty("attempts").GetInt32());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_delivery_whose_row_was_taken_over_is_cancelled_and_writes_nothing_over_the_new_holder()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (receiver, baseUrl) = LoopbackApp.Create();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            arrived.TrySetResult();
            try
            {
                await Task.Delay(Patience, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                hungUp.TrySetResult();
            }
            return Results.Ok();
        });
        await receiver.StartAsync();
        await using var stopReceiver = receiver;
        var rule = await RuleAsync($"{baseUrl}/hook");

        var id = await SendTestAsync(rule);
        await arrived.Task.WaitAsync(Patience);
        var newHolder = Guid.NewGuid();
        await using var other = await host.Database.OpenConnectionAsync();
        // What a second dispatcher's claim does once a lease ran out: the row is its own now, under its own token.
        await ExecuteAsync(other, "UPDATE perfmon.notifications SET lease_token = $2, lease_until = now() + interval '10 minutes' WHERE id = $1", id, newHolder);
        await hungUp.Task.WaitAsync(Patience);
        // Room for a result the cancelled delivery might wrongly write after hanging up.
        await Task.Delay(PatientDeliveryHost.Lease);

        await using var command = new NpgsqlCommand(
            "SELECT lease_token, attempts, (SELECT count(*) FROM perfmon.notification_attempts WHERE notification_id = $1) FROM perfmon.notifications WHERE id = $1", other);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(newHolder, reader.GetGuid(0));
        Assert.Equal(0, reader.GetInt32(1));
        Assert.Equal(0L, reader.GetInt64(2));
    }

    private async Task<Guid> RuleAsync(string url) =>
        Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule(url))).GetProperty("id").GetString()!);

    private async Task<Guid> SendTestAsync(Guid ruleId)
    {
        var response = await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notificationId").GetGuid();
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        return await command.ExecuteNonQueryAsync();
    }
}
