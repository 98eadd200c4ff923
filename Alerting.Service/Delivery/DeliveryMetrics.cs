using System.Diagnostics.Metrics;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>What delivery counts (Meter "PerfMonitor.Alerting"): attempts and their latency, outbox rows claimed or handed over, dead letters, breaker changes.</summary>
public sealed class DeliveryMetrics
{
    private readonly Counter<long> deliveries;
    private readonly Counter<long> deadLetters;
    private readonly Counter<long> breakerTransitions;
    private readonly Counter<long> claimed;
    private readonly Counter<long> handedOver;
    private readonly Histogram<double> latency;

    public DeliveryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(AlertingMeter.Name);
        deliveries = meter.CreateCounter<long>("perfmon.alerting.deliveries", "{attempt}", "Webhook attempts by receiver host and outcome");
        deadLetters = meter.CreateCounter<long>("perfmon.alerting.dead_letters", "{notification}", "Notifications given up on");
        breakerTransitions = meter.CreateCounter<long>("perfmon.alerting.breaker.transitions", "{transition}", "Circuit breaker state changes by receiver host");
        claimed = meter.CreateCounter<long>("perfmon.alerting.outbox.claimed", "{notification}", "Outbox rows leased by a claim before their delivery");
        handedOver = meter.CreateCounter<long>("perfmon.alerting.outbox.handed_over", "{notification}",
            "Outbox rows written leased by their transition and handed to delivery without a claim");
        latency = meter.CreateHistogram<double>("perfmon.alerting.delivery.duration", "ms", "Webhook request latency");
        meter.CreateObservableGauge("perfmon.alerting.breaker.open", () => OpenBreakers().Select(h => new Measurement<int>(1, new KeyValuePair<string, object?>("host", h))),
            "{breaker}", "Receiver hosts whose breaker is open now");
    }

    /// <summary>Set by the pipelines once built: the hosts whose breaker is open right now.</summary>
    public Func<IEnumerable<string>> OpenBreakers { get; set; } = () => [];

    public void Attempted(string host, string outcome, double latencyMs)
    {
        deliveries.Add(1, new("host", host), new("outcome", outcome));
        latency.Record(latencyMs, new KeyValuePair<string, object?>("host", host));
    }

    public void Claimed(int rows)
    {
        if (rows > 0)
        {
            claimed.Add(rows);
        }
    }

    public void HandedOver() => handedOver.Add(1);

    public void DeadLettered(string host) => deadLetters.Add(1, new KeyValuePair<string, object?>("host", host));

    public void BreakerChanged(string host, string state) => breakerTransitions.Add(1, new("host", host), new("state", state));
}
