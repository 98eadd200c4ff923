namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>What a rebalance did to some of this consumer's partitions.</summary>
public enum RebalanceKind
{
    Assigned,
    Revoked,
    Lost,
}
