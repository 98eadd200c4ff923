using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Secrets;

public static class WebhookSecretsExtensions
{
    /// <summary>Every replica and restart must derive the same keys: the default discriminator is the content root path, which differs.</summary>
    public const string ApplicationName = "PerfMonitor.Alerting";

    /// <summary>
    /// ASP.NET Core Data Protection for webhook secrets, its key ring in PostgreSQL or in a folder
    /// (Alerting:DataProtection:KeyRingPath), and the start-up encryption of secrets an earlier version stored in plaintext.
    /// Call after the database is added: hosted services start in order, so the schema migrations run first.
    /// </summary>
    public static IHostApplicationBuilder AddWebhookSecrets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<SecretProtectionOptions>(SecretProtectionOptions.Section);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        var keyRingPath = builder.Configuration.GetSection(SecretProtectionOptions.Section)[nameof(SecretProtectionOptions.KeyRingPath)];
        if (string.IsNullOrEmpty(keyRingPath))
        {
            builder.Services.AddSingleton<PostgresXmlRepository>();
            builder.Services.AddOptions<KeyManagementOptions>()
                .Configure<PostgresXmlRepository>((keys, repository) => keys.XmlRepository = repository);
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyRingPath));
            if (Directory.Exists(keyRingPath) && !KeyRingFolder.IsWritable(keyRingPath))
            {
                dataProtection.DisableAutomaticKeyGeneration();
            }
        }
        builder.Services.AddSingleton<WebhookSecretProtector>();
        builder.Services.AddHostedService<PlaintextSecretMigration>();
        return builder;
    }
}
