using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Secrets;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>A service whose key ring lives in a folder (as a mounted Kubernetes Secret would hold it), not in PostgreSQL.</summary>
public sealed class FolderKeyRingHost : AlertingHost
{
    public TempFolder KeyRing { get; } = new("perfmon-keyring");

    protected override void Configure(Dictionary<string, string?> settings) => settings["Alerting:DataProtection:KeyRingPath"] = KeyRing.Path;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        KeyRing.Dispose();
    }
}

public sealed class FolderKeyRingTests(FolderKeyRingHost host) : IClassFixture<FolderKeyRingHost>
{
    [Fact(Timeout = 180_000)]
    public async Task With_a_key_ring_folder_the_keys_stay_out_of_the_database_and_a_restart_still_signs()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var secret = $"folder-{Guid.NewGuid():N}";
        var id = (await host.CreateRuleAsync(DeliveryTests.Rule(receiver.Url, secret: secret))).GetProperty("id").GetString();

        await host.Client.PostAsync($"/api/v1/alert-rules/{id}/test", null);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 1, TimeSpan.FromSeconds(60), "the first signed notification");
        await host.RestartAsync();
        await host.Client.PostAsync($"/api/v1/alert-rules/{id}/test", null);
        await Eventually.GetAsync(() => Task.FromResult(receiver.Accepted.Count), c => c == 2, TimeSpan.FromSeconds(60), "the signed notification after the restart");
        await using var keysInDatabase = host.Database.CreateCommand("SELECT count(*) FROM perfmon.data_protection_keys");

        Assert.NotEmpty(Directory.GetFiles(host.KeyRing.Path, "key-*.xml"));
        Assert.Equal(0L, await keysInDatabase.ExecuteScalarAsync());
        Assert.All(receiver.Accepted, a => Assert.Equal(WebhookSigner.Sign(secret, a.Body), a.Signature));
    }

    [Fact]
    public void A_key_ring_folder_that_does_not_exist_fails_validation_naming_it()
    {
        var options = new SecretProtectionOptions { KeyRingPath = Path.Combine(host.KeyRing.Path, "missing") };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(nameof(SecretProtectionOptions.KeyRingPath), Assert.Single(errors).MemberNames.Single());
    }
}
