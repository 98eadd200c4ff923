using System.Security.Cryptography;
using System.Text;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// The signature a receiver checks to know a request came from us: <c>sha256=</c> and the lowercase hex
/// HMAC-SHA256 of the exact body bytes, keyed with the rule's secret (GitHub's webhook convention).
/// </summary>
public static class WebhookSigner
{
    public const string Header = "X-PerfMonitor-Signature";

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
