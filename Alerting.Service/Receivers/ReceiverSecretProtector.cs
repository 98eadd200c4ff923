using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PerfMonitor.Alerting.Receivers;

/// <summary>Encrypts receivers' secrets with the key ring the rule secrets use, under a purpose of their own.</summary>
public sealed partial class ReceiverSecretProtector(IDataProtectionProvider provider, ILogger<ReceiverSecretProtector> logger)
{
    private readonly IDataProtector protector = provider.CreateProtector("PerfMonitor.Alerting.ReceiverSecret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>The secret, or null when the key ring lost its key: the receiver then fails visibly until its secret is set again.</summary>
    public string? Unprotect(string name, string protectedSecret)
    {
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException ex)
        {
            LogUndecryptable(name, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The secret of receiver {Receiver} cannot be decrypted with the key ring; set it again")]
    private partial void LogUndecryptable(string receiver, Exception exception);
}
