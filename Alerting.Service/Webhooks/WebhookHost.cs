using System.Net;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>How a webhook URL's host is read, the same way at save time and at connect time.</summary>
public static class WebhookHost
{
    /// <summary>The host without brackets and trailing dots, lowercase; a zone id (<c>%eth0</c>, <c>%25eth0</c>) stays.</summary>
    public static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>The address a host names literally (any spelling IPAddress takes, a zone id dropped), or null for a name.</summary>
    public static IPAddress? Literal(string host)
    {
        var normalized = Normalize(host);
        var zone = normalized.IndexOf('%', StringComparison.Ordinal);
        var bare = zone >= 0 ? normalized[..zone] : normalized;
        return IPAddress.TryParse(bare, out var address) ? address : null;
    }

    public static bool HasZoneId(string host) => host.Contains('%', StringComparison.Ordinal);

    /// <summary><c>localhost</c> and every name under it are loopback by definition (RFC 6761), whatever a resolver says.</summary>
    public static bool IsLocalhost(string host)
    {
        var normalized = Normalize(host);
        return normalized == "localhost" || normalized.EndsWith(".localhost", StringComparison.Ordinal);
    }

    /// <summary>
    /// A host whose last label is a number (<c>127.1.</c>, <c>0x7f.1</c>, <c>1.2.3.4.5</c>) is no DNS name: resolvers read
    /// such strings as addresses in spellings of their own, so they are refused rather than guessed at.
    /// </summary>
    public static bool IsNumericSpelling(string host)
    {
        var normalized = Normalize(host);
        var last = normalized[(normalized.LastIndexOf('.') + 1)..];
        return last.Length > 0 && (last.All(char.IsAsciiDigit) || (last.StartsWith("0x", StringComparison.Ordinal) && last[2..].All(char.IsAsciiHexDigit)));
    }
}
