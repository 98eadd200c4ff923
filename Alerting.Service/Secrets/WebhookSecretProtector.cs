using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PerfMonitor.Alerting.Secrets;

/// <summary>Encrypts a rule's HMAC secret for the database and decrypts it for signing, with the shared key ring.</summary>
public sealed partial class WebhookSecretProtector(IDataProtectionProvider provider, ILogger<WebhookSecretProtector> logger)
{
    /// <summary>Every Data Protection payload starts with its magic header 09 F0 C9 F0, which base64url-encodes as this.</summary>
    public const string PayloadPrefix = "CfDJ8";

    /// <summary>The purpose string isolates these payloads from anything else the key ring protects; changing it orphans them.</summary>
    private readonly IDataProtector protector = provider.CreateProtector("PerfMonitor.Alerting.WebhookSecret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>
    /// The secret, or null when the key ring no longer holds its key: the rule then shows no secret and sends unsigned, so a
    /// receiver that checks signatures refuses it visibly, until an admin sets the secret again.
    /// </summary>
    public string? Unprotect(Guid ruleId, string protectedSecret)
    {
        if (!protectedSecret.StartsWith(PayloadPrefix, StringComparison.Ordinal))
        {
            // Written in plaintext by a replica of an earlier version during a rolling upgrade; encrypted at the next start.
            LogPlaintext(ruleId);
            return protectedSecret;
        }
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException ex)
        {
            LogUndecryptable(ruleId, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook secret of rule {RuleId} is stored in plaintext (set through an earlier version); it is encrypted at the next start")]
    private partial void LogPlaintext(Guid ruleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook secret of rule {RuleId} cannot be decrypted with the key ring; set it again")]
    private partial void LogUndecryptable(Guid ruleId, Exception exception);
}
