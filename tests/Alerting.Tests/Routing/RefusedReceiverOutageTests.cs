using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>The fault test with a receiver whose port refuses connections for the outage (see <see cref="ReceiverOutage"/>).</summary>
[Trait("Category", "System")]
[LongRunning]
public sealed class RefusedReceiverOutageTests(RoutingHost host) : IClassFixture<RoutingHost>
{
    [Fact]
    public Task Grouped_alerts_wait_out_a_refusing_receiver_and_an_alerting_restart_and_arrive_once_each_in_order() =>
        new ReceiverOutage(host, ReceiverDown.ConnectionRefused).RunAsync().WaitAsync(ReceiverOutage.TestTimeout);
}
