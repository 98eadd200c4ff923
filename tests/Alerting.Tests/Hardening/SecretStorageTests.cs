using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Secrets;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// HMAC secrets are stored encrypted and still sign after a restart; secrets an earlier version stored in plaintext are
/// encrypted at start, once; any new host with the key ring decrypts them.
/// </summary>
public sealed class SecretStorageTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task A_secret_is_not_stored_in_plaintext_and_signatures_verify_before_and_after_a_restart()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var secret = $"hmac-{Guid.NewGuid():N}";
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url, secret: secret))).GetProperty("id").GetString()!);

        var stored = await StoredAsync(id);
        await SendTestAsync(id, receiver, 1);
        await host.RestartAsync();
        await SendTestAsync(id, receiver, 2);

        Assert.NotNull(stored.Secret);
        Assert.DoesNotContain(secret, stored.Secret, StringComparison.Ordinal);
        Assert.All(receiver.Accepted, a => Assert.Equal(WebhookSigner.Sign(secret, a.Body), a.Signature));
    }

    /// <summary>Flag already set: a replica of the earlier version saved the secret during a rolling upgrade, after this one encrypted.</summary>
    [Theory(Timeout = 240_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_plaintext_secret_from_an_earlier_version_signs_and_is_encrypted_in_place_at_start_exactly_once(bool flagAlreadySet)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var secret = $"legacy-{Guid.NewGuid():N}";
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url))).GetProperty("id").GetString()!);
        await using (var legacy = host.Database.CreateCommand("UPDATE perfmon.alert_rules SET secret = $2, secret_protected = $3 WHERE id = $1"))
        {
            legacy.Parameters.AddWithValue(id);
            legacy.Parameters.AddWithValue(secret);
            legacy.Parameters.AddWithValue(flagAlreadySet);
            await legacy.ExecuteNonQueryAsync();
        }

        await SendTestAsync(id, receiver, 1);
        await host.RestartAsync();
        var first = await StoredAsync(id);
        await SendTestAsync(id, receiver, 2);
        await host.RestartAsync();
        var second = await StoredAsync(id);
        await SendTestAsync(id, receiver, 3);

        Assert.True(first.Protected);
        Assert.DoesNotContain(secret, first.Secret, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.All(receiver.Accepted, a => Assert.Equal(WebhookSigner.Sign(secret, a.Body), a.Signature));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_host_built_from_nothing_but_the_database_decrypts_a_stored_secret()
    {
        var secret = $"fresh-{Guid.NewGuid():N}";
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule("https://hooks.example.test/x", secret: secret))).GetProperty("id").GetString()!);
        var stored = await StoredAsync(id);

        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(WebhookSecretsExtensions.ApplicationName);
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new PostgresXmlRepository(host.Database));
        await using var provider = services.BuildServiceProvider();
        var protector = new WebhookSecretProtector(provider.GetRequiredService<IDataProtectionProvider>(), NullLogger<WebhookSecretProtector>.Instance);

        Assert.Equal(secret, protector.Unprotect(id, stored.Secret!));
    }

    private async Task<(string? Secret, bool Protected)> StoredAsync(Guid ruleId)
    {
        await using var command = host.Database.CreateCommand("SELECT secret, secret_protected FROM perfmon.alert_rules WHERE id = $1");
        command.Parameters.AddWithValue(ruleId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetBoolean(1));
    }

    private async Task SendTestAsync(Guid ruleId, TestReceiver receiver, int expected)
    {
        var response = await host.Client.PostAsync($"/api/v1/alert-rules/{ruleId}/test", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        // Counted by idempotency key: a delivery in flight when the host stops is sent again after the restart under the
        // same key (at least once, as receivers are told); every copy must still be signed.
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count()), c => c == expected, Patience,
            $"signed notification {expected}");
    }
}
