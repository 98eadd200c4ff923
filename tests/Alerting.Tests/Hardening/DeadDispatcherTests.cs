using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>The service as configured out of the box: the rows of a replica that died are not held for long.</summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class DeadDispatcherTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Rows_leased_by_a_dispatcher_that_died_are_sent_again_once_the_default_lease_passes()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var lease = host.App.Services.GetRequiredService<IOptions<DeliveryOptions>>().Value.LeaseDuration;
        var (rule, rows) = await DeadDispatcher.RowsAsync(host, receiver.Url, 2);

        var leased = await DeadDispatcher.LeaseAsync(host.Database, rows, lease);
        var log = await Eventually.GetAsync(() => host.NotificationsAsync(rule.Id.ToString()),
            l => l.Count == 2 && l.All(n => n.GetProperty("status").GetString() == "delivered"), Patience, "the dead dispatcher's rows delivered");

        Assert.Subset(leased.Select(n => n.Id).ToHashSet(), rows.Select(r => r.Id).ToHashSet());
        Assert.Equal(rows.Select(r => r.Id).Order(), receiver.Accepted.Select(a => Guid.Parse(a.IdempotencyKey!)).Order());
        Assert.All(log, n => Assert.Equal(1, n.GetProperty("attempts").GetInt32()));
    }
}
