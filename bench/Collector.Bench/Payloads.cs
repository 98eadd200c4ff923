using System.Text.Json;
using Google.Protobuf;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.V1;
using Snappier;
using PromLabel = PerfMonitor.Contracts.Prometheus.Label;
using PromSample = PerfMonitor.Contracts.Prometheus.Sample;
using TimeSeries = PerfMonitor.Contracts.Prometheus.TimeSeries;
using WriteRequest = PerfMonitor.Contracts.Prometheus.WriteRequest;

namespace PerfMonitor.Collector.Bench;

/// <summary>The workload's batches in each protocol's own encoding, as that protocol's usual sender writes them.</summary>
public static class Payloads
{
    public static IReadOnlyList<Payload> For(string protocol, Workload workload) =>
        workload.Batches.Select(batch => protocol switch
        {
            Protocols.Grpc => new Payload(batch.ToByteArray(), batch.Samples.Count),
            Protocols.Json => new Payload(Json(batch), batch.Samples.Count),
            Protocols.Otlp or Protocols.OtlpGrpc => new Payload(Otlp(batch).ToByteArray(), batch.Samples.Count),
            Protocols.RemoteWrite => new Payload(Snappy.CompressToArray(RemoteWrite(batch).ToByteArray()), batch.Samples.Count),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
        }).ToList();

    private static byte[] Json(SampleBatch batch)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("samples");
            foreach (var sample in batch.Samples)
            {
                json.WriteStartObject();
                json.WriteString("metric", sample.Metric);
                json.WriteStartObject("labels");
                foreach (var label in sample.Labels)
                {
                    json.WriteString(label.Name, label.Value);
                }
                json.WriteEndObject();
                json.WriteNumber("value", sample.Value);
                json.WriteNumber("timestamp", sample.TimestampUnixMs);
                json.WriteString("unit", sample.Unit);
                json.WriteString("kind", "gauge");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>One gauge per metric name with a data point per sample, labels as point attributes (what an SDK sends).</summary>
    private static ExportMetricsServiceRequest Otlp(SampleBatch batch)
    {
        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = "PerfMonitor.Collector.Bench" } };
        foreach (var group in batch.Samples.GroupBy(s => s.Metric))
        {
            var gauge = new Gauge();
            foreach (var sample in group)
            {
                var point = new NumberDataPoint { AsDouble = sample.Value, TimeUnixNano = (ulong)sample.TimestampUnixMs * 1_000_000 };
                point.Attributes.AddRange(sample.Labels.Select(l => new KeyValue { Key = l.Name, Value = new AnyValue { StringValue = l.Value } }));
                gauge.DataPoints.Add(point);
            }
            scope.Metrics.Add(new Metric { Name = group.Key, Unit = group.First().Unit, Gauge = gauge });
        }
        var resource = new ResourceMetrics { Resource = new PerfMonitor.Contracts.Otlp.Resource.Resource() };
        resource.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resource);
        return request;
    }

    private static WriteRequest RemoteWrite(SampleBatch batch)
    {
        var write = new WriteRequest();
        foreach (var sample in batch.Samples)
        {
            var series = new TimeSeries();
            series.Labels.Add(new PromLabel { Name = "__name__", Value = sample.Metric });
            series.Labels.AddRange(sample.Labels.Select(l => new PromLabel { Name = l.Name, Value = l.Value }));
            series.Samples.Add(new PromSample { Value = sample.Value, Timestamp = sample.TimestampUnixMs });
            write.Timeseries.Add(series);
        }
        return write;
    }
}
