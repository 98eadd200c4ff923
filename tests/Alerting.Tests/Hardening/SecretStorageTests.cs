using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Secrets;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// HMAC secrets are stored encrypted and still sign after a restart; any new host with the key ring decrypts them. Secrets
/// an earlier version stored in plaintext are <see cref="PlaintextSecretTests"/>' part.
/// </summary>
public sealed class SecretStorageTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private readonly RuleSecrets secrets = new(host);

    [Fact(Timeout = 180_000)]
    public async Task A_secret_is_not_stored_in_plaintext_and_signatures_verify_before_and_after_a_restart()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var secret = $"hmac-{Guid.NewGuid():N}";
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url, secret: secret))).GetProperty("id").GetString()!);

        var stored = await secrets.StoredAsync(id);
        await secrets.SendTestAsync(id, receiver, 1);
        await host.RestartAsync();
        await secrets.SendTestAsync(id, receiver, 2);

        Assert.NotNull(stored.Secret);
        Assert.DoesNotContain(secret, stored.Secret, StringComparison.Ordinal);
        Assert.All(receiver.Accepted, a => Assert.Equal(WebhookSigner.Sign(secret, a.Body), a.Signature));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_host_built_from_nothing_but_the_database_decrypts_a_stored_secret()
    {
        var secret = $"fresh-{Guid.NewGuid():N}";
        var id = Guid.Parse((await host.CreateRuleAsync(DeliveryTests.Rule("https://hooks.example.test/x", secret: secret))).GetProperty("id").GetString()!);
        var stored = await secrets.StoredAsync(id);

        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(WebhookSecretsExtensions.ApplicationName);
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new PostgresXmlRepository(host.Database));
        await using var provider = services.BuildServiceProvider();
        var protector = new WebhookSecretProtector(provider.GetRequiredService<IDataProtectionProvider>(), NullLogger<WebhookSecretProtector>.Instance);

        Assert.Equal(secret, protector.Unprotect(id, stored.Secret!));
    }
}
