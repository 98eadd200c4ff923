using PerfMonitor.Alerting.Tests.Routing;
using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Acknowledgement;

/// <summary>
/// A routing tree whose route for the test's alerts (label test=&lt;id&gt;) goes to an on-call receiver and escalates to a
/// manager receiver after <c>escalate_after</c>. The test stops both receivers.
/// </summary>
public sealed record EscalatingTree(TestReceiver OnCall, TestReceiver Manager, Dictionary<string, string> Labels) : IAsyncDisposable
{
    /// <summary>Long enough after an escalation for a second one (every 200 ms round) to have shown up.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<EscalatingTree> PutAsync(RoutingHost host, string after)
    {
        var oncall = await TestReceiver.StartAsync();
        var manager = await TestReceiver.StartAsync();
        var test = Guid.NewGuid().ToString("N");
        await host.PutRoutingYamlAsync($"""
            route:
              receiver: {await host.WebhookReceiverAsync(oncall)}
              routes:
              - matchers: ['test="{test}"']
                receiver: {await host.WebhookReceiverAsync(oncall)}
                group_by: [alertname]
                escalate_after: {after}
                escalate_to: {await host.WebhookReceiverAsync(manager)}
            """);
        return new EscalatingTree(oncall, manager, new Dictionary<string, string> { ["test"] = test });
    }

    public async ValueTask DisposeAsync()
    {
        await OnCall.DisposeAsync();
        await Manager.DisposeAsync();
    }
}
