using System.Diagnostics.Metrics;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>The service's own metrics (Meter "PerfMonitor.Alerting"): deliveries, dead letters, breaker changes.</summary>
public sealed class AlertingMetrics
{
    public const string MeterName = "PerfMonitor.Alerting";

    private readonly Counter<long> deliveries;
    private readonly Counter<long> deadLetters;
    private readonly Counter<long> breakerTransitions;
    private readonly Histogram<double> latency;
    private readonly Counter<long> transitions;
    private readonly Counter<long> samplesRead;
    private readonly Counter<long> samplesEvaluated;
    private readonly Counter<long> recordsSkipped;

    public AlertingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        deliveries = meter.CreateCounter<long>("perfmon.alerting.deliveries", "{attempt}", "Webhook attempts by receiver host and outcome");
        deadLetters = meter.CreateCounter<long>("perfmon.alerting.dead_letters", "{notification}", "Notifications given up on");
        breakerTransitions = meter.CreateCounter<long>("perfmon.alerting.breaker.transitions", "{transition}", "Circuit breaker state changes by receiver host");
        latency = meter.CreateHistogram<double>("perfmon.alerting.delivery.duration", "ms", "Webhook request latency");
        transitions = meter.CreateCounter<long>("perfmon.alerting.alert.transitions", "{transition}", "Alert state changes by rule kind and new state");
        samplesRead = meter.CreateCounter<long>("perfmon.alerting.samples.read", "{sample}", "Samples read from perfmon.samples.v1");
        samplesEvaluated = meter.CreateCounter<long>("perfmon.alerting.samples.evaluated", "{sample}", "Samples whose metric some enabled rule names");
        recordsSkipped = meter.CreateCounter<long>("perfmon.alerting.records.skipped", "{record}", "Sample records skipped as malformed");
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

    public void DeadLettered(string host) => deadLetters.Add(1, new KeyValuePair<string, object?>("host", host));

    public void BreakerChanged(string host, string state) => breakerTransitions.Add(1, new("host", host), new("state", state));

    public void SamplesRead(int read, int evaluated)
    {
        samplesRead.Add(read);
        samplesEvaluated.Add(evaluated);
    }

    public void RecordSkipped() => recordsSkipped.Add(1);

    public void Transitioned(string kind, string state) => transitions.Add(1, new("kind", kind), new("state", state));
}
