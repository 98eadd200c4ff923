using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>Reads back what reached the samples topic (<see cref="KafkaRecords"/>): every sample labelled run=<c>run</c>.</summary>
public static class PublishedSamples
{
    public static List<Sample> OfRun(string bootstrapServers, string run) =>
        KafkaRecords.Of(bootstrapServers, Topics.Samples).SelectMany(KafkaRecords.SamplesOf).Where(s => IsOfRun(s, run)).ToList();

    public static bool IsOfRun(Sample sample, string run) => sample.Labels.Any(l => l.Name == "run" && l.Value == run);
}
