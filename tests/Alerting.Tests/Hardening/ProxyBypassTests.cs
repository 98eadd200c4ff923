using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>
/// An HTTP(S)_PROXY in the environment would make every webhook connection go to the proxy, whose address passes the
/// check while the proxy reaches the real target for us. The webhook client never uses a proxy.
/// </summary>
public sealed class ProxyBypassTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_default_proxy_is_not_used_so_the_metadata_address_is_refused_instead_of_proxied()
    {
        await using var proxy = await TestReceiver.StartAsync();
        var previous = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(proxy.BaseUrl) { BypassProxyOnLocal = true };
        try
        {
            using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var metrics = new DeliveryMetrics(services.GetRequiredService<IMeterFactory>());
            var targets = Options.Create(new WebhookTargetOptions { AllowPrivateWebhookTargets = true });
            var delivery = Options.Create(new DeliveryOptions { RetryAttempts = 0 });
            using var client = new WebhookClient(new GuardedConnector(new WebhookAddressPolicy(targets), new DnsHostResolver()), delivery, metrics, TimeProvider.System);
            var notification = new OutboxNotification(Guid.NewGuid(), Guid.NewGuid(), null, "test", "http://169.254.169.254/latest/meta-data/", "json", "{}", null, 0, DateTimeOffset.UtcNow, null);
            var pipelines = new ReceiverPipelines(delivery, metrics, TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ReceiverPipelines>.Instance);

            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
                client.SendAsync(notification, pipelines.For(notification.Host), [], CancellationToken.None));

            Assert.Empty(proxy.Requests);
            Assert.True(WebhookTargetRefusedException.IsRefusal(refused), refused.Message);
            Assert.Contains("169.254.169.254", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            HttpClient.DefaultProxy = previous;
        }
    }
}
