using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Webhooks;

/// <summary>
/// The save-time check of a webhook URL: its host, read as the HTTP client will read it, and every address its name
/// resolves to now. A name that does not resolve yet is accepted; the connect-time check judges what it resolves to then.
/// </summary>
public sealed class WebhookTargetGuard(WebhookAddressPolicy policy, IHostResolver resolver, IOptions<WebhookTargetOptions> options)
{
    /// <summary>Null when the URL may be saved; otherwise the reason, for the problem details of field webhookUrl.</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }
        // IdnHost is what the client connects to: Uri has already turned 2852039166, 0x7f.1 and full-width digits into an address.
        var host = uri.IdnHost;
        if (WebhookHost.HasZoneId(host))
        {
            return "webhook target refused: an IPv6 zone id (%...) names a link, and link-scoped targets are never reached";
        }
        if (WebhookHost.Literal(host) is { } literal)
        {
            return policy.Refusal(literal);
        }
        if (WebhookHost.IsLocalhost(host))
        {
            return policy.Refusal(System.Net.IPAddress.Loopback);
        }
        if (WebhookHost.IsNumericSpelling(host))
        {
            return "names an IP address in a non-standard spelling; write it as a dotted quad or a bracketed IPv6 address";
        }
        return await ResolvedRefusalAsync(WebhookHost.Normalize(host), cancellationToken);
    }

    private async Task<string?> ResolvedRefusalAsync(string host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookResolveTimeout);
        try
        {
            foreach (var address in await resolver.ResolveAsync(host, timeout.Token))
            {
                if (policy.Refusal(address) is { } refusal)
                {
                    return $"{host} resolves to {address}: {refusal}";
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
