using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>
/// Signed, expiring acknowledge links for notifications: <c>{PublicBaseUrl}/ack/{token}</c>, the token being the alert's
/// id (fingerprint), the firing it was sent for and its expiry, encrypted and signed with the service's Data Protection
/// key ring. Opening the link shows a confirmation page; only its form's POST acknowledges, so link scanners do not.
/// A link acknowledges only the firing it was sent for: after the alert resolves and fires again it is refused.
/// </summary>
public sealed class AcknowledgeLinks(IDataProtectionProvider provider, IOptions<AcknowledgeOptions> options, TimeProvider clock)
{
    public const string PathPrefix = "/ack/";

    private readonly IDataProtector protector = provider.CreateProtector("PerfMonitor.Alerting.AcknowledgeLink.v1");

    /// <summary>
    /// The link that acknowledges alert <paramref name="alertId"/> (its fingerprint, as in webhook payloads) in the firing
    /// that started at <paramref name="firedAt"/>; null when no PublicBaseUrl is set.
    /// </summary>
    public string? For(string alertId, DateTimeOffset firedAt) =>
        string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/') + PathPrefix + Token(alertId, firedAt);

    public string Token(string alertId, DateTimeOffset firedAt)
    {
        var expiresAt = clock.GetUtcNow() + options.Value.LinkLifetime;
        return protector.Protect(string.Join('|', alertId, firedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            expiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));
    }

    public LinkReading Read(string token)
    {
        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return LinkReading.Invalid;
        }
        var parts = payload.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var fired) || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires))
        {
            return LinkReading.Invalid;
        }
        var expiresAt = new DateTimeOffset(expires, TimeSpan.Zero);
        return new LinkReading(parts[0], new DateTimeOffset(fired, TimeSpan.Zero), expiresAt, clock.GetUtcNow() > expiresAt ? LinkProblem.Expired : LinkProblem.None);
    }
}
