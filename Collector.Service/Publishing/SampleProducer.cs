using System.Buffers;
using System.Buffers.Binary;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// The collector's one Kafka producer (idempotent, acks=all, lz4): samples grouped by partition (series id modulo
/// the partition count, so one series always lands on one partition), one protobuf batch per partition, keyed by a
/// series id of the batch. Learns the partition count from the broker, and tells <see cref="KafkaAvailability"/>
/// when librdkafka loses every broker.
/// </summary>
public sealed partial class SampleProducer : IDisposable
{
    private readonly KafkaClientFactory factory;
    private readonly TopicProvisioner topics;
    private readonly KafkaAvailability availability;
    private readonly ILogger<SampleProducer> logger;
    private readonly IProducer<byte[], byte[]> producer;
    private int partitionCount;
    private bool topicsEnsured;

    public SampleProducer(KafkaClientFactory factory, TopicProvisioner topics, IOptions<PublishingOptions> options, KafkaAvailability availability, ILogger<SampleProducer> logger)
    {
        this.factory = factory;
        this.topics = topics;
        this.availability = availability;
        this.logger = logger;
        var config = factory.CreateProducerConfig();
        config.MessageTimeoutMs = (int)options.Value.DeliveryTimeout.TotalMilliseconds;
        producer = new ProducerBuilder<byte[], byte[]>(config).SetErrorHandler(OnError).Build();
    }

    public int Partitions => Volatile.Read(ref partitionCount);

    public bool Ready => Partitions > 0;

    public static int PartitionOf(ulong seriesId, int partitions) => (int)(seriesId % (ulong)partitions);

    /// <summary>Learns the partition count of the samples topic; false (and Kafka marked down) when the broker does not answer.</summary>
    public async Task<bool> TryResolveAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!topicsEnsured)
            {
                // Once per process: it builds an admin client of its own, too heavy to repeat every retry while Kafka is down.
                await topics.EnsureTopicsAsync(cancellationToken);
                topicsEnsured = true;
            }
            var timeout = TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs);
            var metadata = await Task.Run(() =>
            {
                using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
                return admin.GetMetadata(Topics.Samples, timeout);
            }, cancellationToken);
            var count = metadata.Topics.SingleOrDefault(t => t.Topic == Topics.Samples)?.Partitions.Count ?? 0;
            if (count == 0)
            {
                availability.MarkDown($"topic {Topics.Samples} has no partitions");
                return false;
            }
            Volatile.Write(ref partitionCount, count);
            availability.MarkUp();
            return true;
        }
        catch (KafkaException ex)
        {
            availability.MarkDown(ex.Error.Reason);
            return false;
        }
    }

    /// <summary>Hands one batch per partition to librdkafka; each task completes with that batch's delivery report.</summary>
    public List<(SampleBatch Batch, Task<DeliveryResult<byte[], byte[]>> Delivery)> Produce(IReadOnlyList<Sample> samples)
    {
        var partitions = Partitions;
        if (partitions == 0)
        {
            throw new InvalidOperationException("The partition count of the samples topic is not known yet.");
        }
        var batches = GroupByPartition(samples, partitions);
        var deliveries = new List<(SampleBatch, Task<DeliveryResult<byte[], byte[]>>)>(batches.Count);
        foreach (var (partition, batch) in batches)
        {
            var key = new byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64BigEndian(key, batch.Samples[0].SeriesId);
            // No cancellation token: cancelling would only stop us waiting, librdkafka would still deliver it.
            var delivery = producer.ProduceAsync(new TopicPartition(Topics.Samples, partition), new Message<byte[], byte[]> { Key = key, Value = Encode(batch) });
            deliveries.Add((batch, delivery));
        }
        return deliveries;
    }

    /// <summary>
    /// The batch's protobuf encoding, byte for byte what <c>ToByteArray</c> writes, with each sample's size computed
    /// once: the generated code computes it twice (once for the total, once for the length prefix), and sizing is
    /// the bulk of encoding a sample.
    /// </summary>
    public static byte[] Encode(SampleBatch batch)
    {
        var samples = batch.Samples;
        var sizes = ArrayPool<int>.Shared.Rent(samples.Count);
        try
        {
            var tagSize = CodedOutputStream.ComputeTagSize(SampleBatch.SamplesFieldNumber);
            var total = 0;
            for (var i = 0; i < samples.Count; i++)
            {
                sizes[i] = samples[i].CalculateSize();
                total += tagSize + CodedOutputStream.ComputeLengthSize(sizes[i]) + sizes[i];
            }
            var bytes = new byte[total];
            var output = new CodedOutputStream(bytes);
            for (var i = 0; i < samples.Count; i++)
            {
                output.WriteTag(SampleBatch.SamplesFieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteLength(sizes[i]);
                samples[i].WriteTo(output);
            }
            output.CheckNoSpaceLeft();
            return bytes;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    /// <summary>Groups samples by partition without producing, for spooling copies that replay as one record each.</summary>
    public IEnumerable<SampleBatch> Batches(IReadOnlyList<Sample> samples)
    {
        var partitions = Partitions;
        if (partitions == 0)
        {
            var all = new SampleBatch();
            all.Samples.AddRange(samples);
            return [all];
        }
        return GroupByPartition(samples, partitions).Select(p => p.Batch);
    }

    /// <summary>One batch per partition that has samples, in partition order, each keeping the samples' order.</summary>
    private static List<(int Partition, SampleBatch Batch)> GroupByPartition(IReadOnlyList<Sample> samples, int partitions)
    {
        var byPartition = new SampleBatch?[partitions];
        var used = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var partition = PartitionOf(samples[i].SeriesId, partitions);
            if (byPartition[partition] is not { } batch)
            {
                byPartition[partition] = batch = new SampleBatch();
                used++;
            }
            batch.Samples.Add(samples[i]);
        }
        var batches = new List<(int, SampleBatch)>(used);
        for (var partition = 0; partition < partitions; partition++)
        {
            if (byPartition[partition] is { } batch)
            {
                batches.Add((partition, batch));
            }
        }
        return batches;
    }

    public void Flush(CancellationToken cancellationToken) => producer.Flush(cancellationToken);

    public void Dispose() => producer.Dispose();

    private void OnError(IProducer<byte[], byte[]> source, Error error)
    {
        if (error.IsFatal)
        {
            LogFatal(error.Code, error.Reason);
        }
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            availability.MarkDown(error.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Kafka producer failed fatally ({Code}: {Reason}); samples go to the spool until the collector restarts")]
    private partial void LogFatal(ErrorCode code, string reason);
}
