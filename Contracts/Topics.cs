namespace PerfMonitor.Contracts;

/// <summary>Kafka topic names shared by producers and consumers.</summary>
public static class Topics
{
    public const string Samples = "perfmon.samples.v1";
    public const string Events = "perfmon.events.v1";
    public const string SamplesDeadLetter = "perfmon.samples.dlq";

    /// <summary>Alerting's samples of grouped rules, re-keyed by (rule, group) so one replica sees a whole group.</summary>
    public const string AlertGroups = "perfmon.alerting.groups.v1";

    public static readonly IReadOnlyList<string> All = [Samples, Events, SamplesDeadLetter, AlertGroups];
}
