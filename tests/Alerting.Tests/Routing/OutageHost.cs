namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>
/// A routing host whose delivery attempts may take the production default of 5 s: the outage tests count every arrival,
/// and under a loaded machine the test hosts' 500 ms would time out an answer on its way and send it again (the outbox
/// delivers at least once, under one idempotency key).
/// </summary>
public sealed class OutageHost : RoutingHost
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Alerting:Delivery:AttemptTimeout"] = "00:00:05";
    }
}
