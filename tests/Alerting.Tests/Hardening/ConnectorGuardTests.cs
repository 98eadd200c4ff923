using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// The connect-time check (the webhook client's ConnectCallback) on the same list: given the host the HTTP handler passes
/// it, it refuses before opening a socket, or connects.
/// </summary>
public sealed class ConnectorGuardTests
{
    [Theory]
    [MemberData(nameof(WebhookTargetCases.Urls), MemberType = typeof(WebhookTargetCases))]
    public async Task Each_target_is_refused_at_connect_time_when_it_would_be_at_save_time(string url, Verdict verdict)
    {
        foreach (var allowPrivate in new[] { false, true })
        {
            var refused = verdict == Verdict.Never || (verdict == Verdict.PrivateOnly && !allowPrivate);
            // Refusals come before any socket; a target that is not refused is given a moment to try the network, then let go.
            using var tryBriefly = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            var connect = Connector(allowPrivate).ConnectAsync(Endpoint(url), tryBriefly.Token).AsTask();

            if (refused)
            {
                var refusal = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => connect);
                Assert.Contains("refused", refusal.Message, StringComparison.Ordinal);
            }
            else
            {
                // Not refused: it tried the network (nothing listens there, or no route), a plain failure or a cancelled try.
                var failure = await Record.ExceptionAsync(() => connect);
                Assert.False(WebhookTargetRefusedException.IsRefusal(failure), $"{url}: {failure?.Message}");
            }
        }
    }

    [Fact]
    public async Task A_loopback_listener_is_reached_when_private_targets_are_allowed_and_not_when_they_are_not()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = new DnsEndPoint("localhost", ((IPEndPoint)listener.LocalEndpoint).Port);

        await using (var stream = await Connector(allowPrivate: true).ConnectAsync(endpoint, CancellationToken.None))
        {
            using var accepted = await listener.AcceptTcpClientAsync();
            Assert.True(accepted.Connected);
        }
        await Assert.ThrowsAsync<WebhookTargetRefusedException>(() => Connector(allowPrivate: false).ConnectAsync(endpoint, CancellationToken.None).AsTask());
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_name_that_resolved_to_a_public_address_at_save_time_and_to_a_private_one_now_is_refused()
    {
        var resolver = WebhookTargetCases.Resolver();
        var options = Options.Create(new WebhookTargetOptions());
        var policy = new WebhookAddressPolicy(options);
        resolver.Set("rebinding.rebind.test", "93.184.216.34");
        var accepted = await new WebhookTargetGuard(policy, resolver, options).CheckAsync("http://rebinding.rebind.test/hook", CancellationToken.None);
        resolver.Set("rebinding.rebind.test", "127.0.0.1");

        var refusal = await Assert.ThrowsAsync<WebhookTargetRefusedException>(() =>
            new GuardedConnector(policy, resolver).ConnectAsync(new DnsEndPoint("rebinding.rebind.test", 80), CancellationToken.None).AsTask());

        Assert.Null(accepted);
        Assert.Contains("127.0.0.1", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>The endpoint SocketsHttpHandler hands its ConnectCallback for this URL: the IDN host and the port.</summary>
    private static DnsEndPoint Endpoint(string url)
    {
        var uri = new Uri(url);
        return new DnsEndPoint(uri.IdnHost, uri.Port);
    }

    private static GuardedConnector Connector(bool allowPrivate)
    {
        var options = Options.Create(new WebhookTargetOptions { AllowPrivateWebhookTargets = allowPrivate });
        return new GuardedConnector(new WebhookAddressPolicy(options), WebhookTargetCases.Resolver());
    }
}
