namespace PerfMonitor.Contracts;

/// <summary>Kafka topic names shared by producers and consumers.</summary>
public static class Topics
{
    public const string Samples = "perfmon.samples.v1";
    public const string Events = "perfmon.events.v1";
    public const string SamplesDeadLetter = "perfmon.samples.dlq";

    public static readonly IReadOnlyList<string> All = [Samples, Events, SamplesDeadLetter];
}
