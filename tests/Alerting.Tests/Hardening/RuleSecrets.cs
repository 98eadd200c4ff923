using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>A rule's secret as the database stores it, and test notifications sent through the host and counted as they arrive.</summary>
public sealed class RuleSecrets(AlertingHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task<(string? Secret, bool Protected)> StoredAsync(Guid ruleId)
    {
        await using var command = host.Database.CreateCommand("SELECT secret, secret_protected FROM perfmon.alert_rules WHERE id = $1");
        command.Parameters.AddWithValue(ruleId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetBoolean(1));
    }

    public async Task SendTestAsync(Guid ruleId, TestReceiver receiver, int expected)
    {
        var response = await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        // Counted by idempotency key: a delivery in flight when the host stops is sent again after the restart under the
        // same key (at least once, as receivers are told); every copy must still be signed.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count()), c => c == expected, Patience,
            $"signed notification {expected}");
    }
}
