using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>A service whose notifications give up after three seconds, to see dead-lettering by age.</summary>
public sealed class ShortMaxAgeHost : AlertingHost
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Alerting:Delivery:MaxAge"] = "00:00:03";
}

public sealed class DeadLetterTests(ShortMaxAgeHost host) : IClassFixture<ShortMaxAgeHost>
{
    [Fact(Timeout = 90_000)]
    public async Task A_notification_still_failing_after_the_max_age_is_dead_lettered_with_its_last_error_then_replayed()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Status = 503;
        var ruleId = (await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url))).GetProperty("id").GetString();

        await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        var dead = await Eventually.GetAsync(() => host.NotificationsAsync(ruleId!),
            log => log.Count == 1 && log[0].GetProperty("status").GetString() == "dead", TimeSpan.FromSeconds(30), "the dead letter");
        var listed = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/notifications?status=dead");
        receiver.Status = 200;
        await host.Client.PostAsync($"/api/v1/notifications/{dead[0].GetProperty("id").GetString()}/replay", null);

        Assert.Contains("503", dead[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(dead[0].GetProperty("attempts").GetInt32() >= 2);
        Assert.Contains(listed!, n => n.GetProperty("id").GetString() == dead[0].GetProperty("id").GetString());
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, TimeSpan.FromSeconds(30), "the replayed notification");
    }
}
