using PerfMonitor.Collector.Collectors.Common;

namespace PerfMonitor.Collector.Collectors.Kafka;

public sealed class KafkaLagCollectorOptions : CollectorOptions
{
    public const string Section = "Collector:Collectors:KafkaLag";

    /// <summary>
    /// Groups that commit their offsets to Kafka, watched whether or not the broker can list groups: alerting's samples,
    /// events and grouped samples.
    /// </summary>
    public string[] Groups { get; set; } = ["alerting", "alerting.events", "alerting.groups"];

    /// <summary>
    /// Groups that store their offsets in PostgreSQL (perfmon.consumer_offsets) with the rows they produce, so Kafka
    /// knows nothing of their progress.
    /// </summary>
    public string[] PostgresGroups { get; set; } = ["analytics"];
}
