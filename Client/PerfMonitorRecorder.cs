using System.Diagnostics;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Client;

/// <summary>
/// What application code records: <c>monitor.Time("checkout")</c> around an operation, counters and gauges.
/// Each call buffers one sample labelled with the service name and the configured labels.
/// </summary>
public sealed class PerfMonitorRecorder(SampleBuffer buffer, IOptions<PerfMonitorClientOptions> options, TimeProvider clock)
{
    public const string OperationDurationMetric = "operation_duration_ms";

    /// <summary>Times the operation until the returned scope is disposed: <c>using (monitor.Time("checkout")) { ... }</c>.</summary>
    public OperationTimer Time(string operation, IReadOnlyDictionary<string, string>? labels = null) =>
        new(this, operation, labels, Stopwatch.GetTimestamp());

    /// <summary>
    /// Records one occurrence (or <paramref name="amount"/>) of an event, e.g. orders_placed. Each call sends the increment
    /// itself, marked as a delta, so rates and increases add the samples up instead of differencing them as running totals.
    /// </summary>
    public void Count(string metric, double amount = 1, IReadOnlyDictionary<string, string>? labels = null) =>
        Record(metric, amount, MetricKind.Counter, "", labels, Temporality.Delta);

    /// <summary>Records the current value of something that goes up and down, e.g. queue_depth.</summary>
    public void Gauge(string metric, double value, IReadOnlyDictionary<string, string>? labels = null, string unit = "") =>
        Record(metric, value, MetricKind.Gauge, unit, labels);

    public void Record(string metric, double value, MetricKind kind, string unit, IReadOnlyDictionary<string, string>? labels,
        Temporality temporality = Temporality.Unspecified)
    {
        var sample = new Sample
        {
            Metric = metric,
            Value = value,
            Kind = kind,
            Unit = unit,
            Temporality = temporality,
            TimestampUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        sample.Labels.Add(new Label { Name = "service", Value = options.Value.ServiceName });
        foreach (var (name, labelValue) in options.Value.Labels)
        {
            sample.Labels.Add(new Label { Name = name, Value = labelValue });
        }
        if (labels is not null)
        {
            foreach (var (name, labelValue) in labels)
            {
                sample.Labels.Add(new Label { Name = name, Value = labelValue });
            }
        }
        buffer.Add(sample);
    }

    public readonly struct OperationTimer(PerfMonitorRecorder recorder, string operation, IReadOnlyDictionary<string, string>? labels, long started) : IDisposable
    {
        public void Dispose()
        {
            var all = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { ["operation"] = operation };
            recorder.Record(OperationDurationMetric, Stopwatch.GetElapsedTime(started).TotalMilliseconds, MetricKind.Histogram, "ms", all);
        }
    }
}
