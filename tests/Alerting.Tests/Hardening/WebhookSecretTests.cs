using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>HMAC secrets are stored encrypted and still sign after a restart.</summary>
[Collection(AlertingCollection.Name)]
public sealed class WebhookSecretTests(AlertingHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task A_secret_is_not_stored_in_plaintext_and_signatures_verify_before_and_after_a_restart()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var secret = $"hmac-{Guid.NewGuid():N}";
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url, secret: secret))).GetProperty("id").GetString()!);

        var stored = await StoredSecretAsync(id);
        await SendTestAsync(id, receiver, 1);
        await host.RestartAsync();
        await SendTestAsync(id, receiver, 2);

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.All(receiver.Accepted, a => Assert.Equal(WebhookSigner.Sign(secret, a.Body), a.Signature));
    }

    private async Task<string?> StoredSecretAsync(Guid ruleId)
    {
        await using var command = host.Database.CreateCommand("SELECT secret FROM perfmon.alert_rules WHERE id = $1");
        command.Parameters.AddWithValue(ruleId);
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task SendTestAsync(Guid ruleId, TestReceiver receiver, int expected)
    {
        var response = await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == expected, Patience, $"signed notification {expected}");
    }
}
