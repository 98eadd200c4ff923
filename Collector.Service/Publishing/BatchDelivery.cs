using Confluent.Kafka;

namespace PerfMonitor.Collector.Publishing;

/// <summary>A record handed to librdkafka and the task that completes with its delivery report.</summary>
public sealed record BatchDelivery(EncodedBatch Batch, Task<DeliveryResult<byte[], byte[]>> Delivery);
