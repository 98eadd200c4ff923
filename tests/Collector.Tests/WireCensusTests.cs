using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.Otlp.Collector;
using PerfMonitor.Contracts.Otlp.Common;
using PerfMonitor.Contracts.Otlp.Metrics;
using PerfMonitor.Contracts.Otlp.Resource;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests;

public sealed class WireCensusTests
{
    [Fact]
    public void Samples_and_labels_are_counted_exactly_and_the_samples_only_count_agrees()
    {
        var batch = new SampleBatch();
        for (var i = 0; i < 300; i++)
        {
            batch.Samples.Add(new Contracts.V1.Sample { Metric = "m", Value = i, Labels = { new Contracts.V1.Label { Name = "a", Value = "1" }, new Contracts.V1.Label { Name = "b", Value = "2" } } });
        }
        var bytes = batch.ToByteArray();

        var full = WireCensus.Count(bytes, IngestSchemas.SampleBatch, long.MaxValue, long.MaxValue, long.MaxValue);
        var samplesOnly = WireCensus.CountSamples(bytes, IngestSchemas.SampleBatch, long.MaxValue);

        Assert.Equal((WireVerdict.Within, 300L, 600L), (full.Verdict, full.Samples, full.Labels));
        Assert.Equal(300L, samplesOnly.Samples);
    }

    [Fact]
    public void Remote_write_samples_and_OTLP_attributes_anywhere_are_counted()
    {
        var write = new WriteRequest
        {
            Timeseries =
            {
                new TimeSeries { Labels = { new Contracts.Prometheus.Label { Name = "__name__", Value = "up" } }, Samples = { new Contracts.Prometheus.Sample(), new Contracts.Prometheus.Sample() } },
                new TimeSeries { Samples = { new Contracts.Prometheus.Sample() } },
            },
        };
        var nested = new AnyValue { KvlistValue = new KeyValueList { Values = { Attr("inner"), Attr("inner2") } } };
        var otlp = new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = new Resource { Attributes = { Attr("service.name"), new KeyValue { Key = "k", Value = nested } } },
                    ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Gauge = new Gauge { DataPoints = { new NumberDataPoint { Attributes = { Attr("p") } } } } } } } },
                },
            },
        };

        var remote = WireCensus.Count(write.ToByteArray(), IngestSchemas.RemoteWrite, long.MaxValue, long.MaxValue, long.MaxValue);
        var attributes = WireCensus.Count(otlp.ToByteArray(), IngestSchemas.Otlp, long.MaxValue, long.MaxValue, long.MaxValue);

        Assert.Equal((3L, 1L), (remote.Samples, remote.Labels));
        Assert.Equal(5L, attributes.Labels);
    }

    [Fact]
    public void Truncated_input_and_nesting_deeper_than_protobufs_recursion_limit_are_malformed()
    {
        var truncated = new SampleBatch { Samples = { new Contracts.V1.Sample { Metric = "metric" } } }.ToByteArray()[..^2];
        var deep = new AnyValue { StringValue = "leaf" };
        for (var i = 0; i < 120; i++)
        {
            deep = new AnyValue { ArrayValue = new ArrayValue { Values = { deep } } };
        }
        var nested = new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { Resource = new Resource { Attributes = { new KeyValue { Key = "k", Value = deep } } } } } };

        Assert.Equal(WireVerdict.Malformed, WireCensus.Count(truncated, IngestSchemas.SampleBatch, long.MaxValue, long.MaxValue, long.MaxValue).Verdict);
        Assert.Equal(WireVerdict.Malformed, WireCensus.Count(nested.ToByteArray(), IngestSchemas.Otlp, long.MaxValue, long.MaxValue, long.MaxValue).Verdict);
    }

    [Fact]
    public void A_short_message_is_within_every_limit_unread_and_a_long_one_of_empty_messages_is_refused()
    {
        var limits = new WireLimits(Options.Create(new IngestOptions()));
        var empties = Wire.Repeat(Wire.Field(ExportMetricsServiceRequest.ResourceMetricsFieldNumber, []), 3_000_000);

        var garbage = limits.Weigh([0xFF, 0xFF, 0xFF], IngestSchemas.Otlp);
        var bomb = limits.Weigh(empties, IngestSchemas.Otlp);

        Assert.Equal(WireVerdict.Within, garbage.Verdict);
        Assert.Equal(WireVerdict.TooLargeParsed, bomb.Verdict);
    }

    private static KeyValue Attr(string key) => new() { Key = key, Value = new AnyValue { StringValue = "v" } };
}
