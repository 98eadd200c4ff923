using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.Contracts.V1;
using PromLabel = PerfMonitor.Contracts.Prometheus.Label;
using V1Label = PerfMonitor.Contracts.V1.Label;

namespace PerfMonitor.Collector.Ingestion.Limits;

/// <summary>What the census counts in each protocol's messages.</summary>
public static class IngestSchemas
{
    /// <summary>gRPC perfmon.v1.Ingest/Push: each Sample of a batch is a sample, each Label a label.</summary>
    public static readonly WireSchema SampleBatch = WireSchema.Of(
        Contracts.V1.SampleBatch.Descriptor, V1Label.Descriptor, Contracts.V1.SampleBatch.Descriptor.FindFieldByNumber(Contracts.V1.SampleBatch.SamplesFieldNumber));

    /// <summary>Remote write: each Sample of a series is a sample, each series Label a label.</summary>
    public static readonly WireSchema RemoteWrite = WireSchema.Of(
        WriteRequest.Descriptor, PromLabel.Descriptor, TimeSeries.Descriptor.FindFieldByNumber(TimeSeries.SamplesFieldNumber));

    /// <summary>
    /// OTLP: each KeyValue is a label (attributes of points, scopes, resources, exemplars, key-value lists). Samples are
    /// what data points become, counted while mapping (<see cref="Otlp.OtlpMetricMapper"/>); here every point, bucket
    /// and quantile still counts as an object.
    /// </summary>
    public static readonly WireSchema Otlp = WireSchema.Of(ExportMetricsServiceRequest.Descriptor, KeyValue.Descriptor);
}
