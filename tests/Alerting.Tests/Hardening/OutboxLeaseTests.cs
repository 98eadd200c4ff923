using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>A service that waits a minute and a half for a receiver, so a stalled one holds its delivery that long.</summary>
public sealed class PatientDeliveryHost : AlertingHost
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Alerting:Delivery:AttemptTimeout"] = "00:01:30";
        settings["Alerting:Delivery:RetryAttempts"] = "0";
        settings["Alerting:Delivery:LeaseDuration"] = "00:03:00";
    }
}

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
        await SendTestAsync(fastRule);
        var fastLog = await Eventually.GetAsync(() => host.NotificationsAsync(fastRule.ToString()),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "delivered", Patience, "the other receiver's notification to be delivered");
        var whileStalled = slow.Accepted.Count;
        await Task.Delay(StallAtLeast - stallStarted.Elapsed is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);
        slow.Release();

        Assert.Equal(1, touched);
        Assert.Equal(1, disabled);
        Assert.Equal(0, whileStalled);
        Assert.Single(fast.Accepted);
        Assert.Equal("delivered", fastLog[0].GetProperty("status").GetString());
        await Eventually.GetAsync(() => host.NotificationsAsync(slowRule.ToString()),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "delivered", Patience, "the stalled notification to be delivered once released");
        Assert.Single(slow.Accepted);
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
