using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// Secrets an earlier version stored in plaintext are encrypted at start, once, and still sign. A class of its own, beside
/// <see cref="SecretStorageTests"/>: its two cases restart the host twice each, and classes run at once.
/// </summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class PlaintextSecretTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly RuleSecrets secrets = new(host);

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

        await secrets.SendTestAsync(id, receiver, 1);
        await host.RestartAsync();
        var first = await secrets.StoredAsync(id);
        await secrets.SendTestAsync(id, receiver, 2);
        await host.RestartAsync();
        var second = await secrets.StoredAsync(id);
        await secrets.SendTestAsync(id, receiver, 3);

        Assert.True(first.Protected);
        Assert.DoesNotContain(secret, first.Secret, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.All(receiver.Accepted, a => Assert.Equal(WebhookSigner.Sign(secret, a.Body), a.Signature));
    }
}
