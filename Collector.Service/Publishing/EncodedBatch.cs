using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Publishing;

/// <summary>One Kafka record of samples: its partition (-1 while the partition count is unknown), the batch and its encoding.</summary>
public sealed record EncodedBatch(int Partition, SampleBatch Batch, byte[] Payload);
