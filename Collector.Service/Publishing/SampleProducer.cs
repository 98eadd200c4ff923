using System.Buffers;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// The collector's one Kafka producer (idempotent, acks=all, lz4, message.max.bytes from
/// <see cref="PublishingOptions.MessageMaxBytes"/>, reconnect.backoff.max.ms from
/// <see cref="PublishingOptions.ReconnectBackoffMax"/>): sends the records a <see cref="SampleBatcher"/> plans, keyed
/// by a series id of each batch, and dead letters. Learns the partition count from the broker, and tells
/// <see cref="KafkaAvailability"/> when librdkafka loses every broker.
/// </summary>
public sealed partial class SampleProducer : IDisposable
{
    private readonly KafkaClientFactory factory;
    private readonly TopicProvisioner topics;
    private readonly KafkaAvailability availability;
    private readonly ILogger<SampleProducer> logger;
    private readonly IProducer<byte[], byte[]> producer;
    private readonly SampleBatcher batcher;
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
        config.MessageMaxBytes = options.Value.MessageMaxBytes;
        config.ReconnectBackoffMaxMs = (int)options.Value.ReconnectBackoffMax.TotalMilliseconds;
        batcher = SampleBatcher.ForMessageMaxBytes(config.MessageMaxBytes.Value);
        producer = new ProducerBuilder<byte[], byte[]>(config).SetErrorHandler(OnError).Build();
    }

    public int Partitions => Volatile.Read(ref partitionCount);

    public bool Ready => Partitions > 0;

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

    /// <summary>The records for these samples: per partition once the partition count is known, one group before.</summary>
    /// <param name="encodings">Per sample (same index), its series' encoding when it has one; null when none has.</param>
    public BatchPlan Plan(IReadOnlyList<Sample> samples, IReadOnlyList<SeriesEncoding?>? encodings = null) => batcher.Plan(samples, Partitions, encodings);

    /// <summary>Hands the planned records to librdkafka; each task completes with that record's delivery report.</summary>
    public List<BatchDelivery> Produce(BatchPlan plan)
    {
        var deliveries = new List<BatchDelivery>(plan.Batches.Count);
        foreach (var batch in plan.Batches)
        {
            if (batch.Partition < 0)
            {
                throw new InvalidOperationException("The partition count of the samples topic was not known when these samples were batched.");
            }
            // No cancellation token: cancelling would only stop us waiting, librdkafka would still deliver it.
            var delivery = producer.ProduceAsync(new TopicPartition(Topics.Samples, batch.Partition), new Message<byte[], byte[]> { Key = KeyOf(batch), Value = batch.Payload });
            deliveries.Add(new BatchDelivery(batch, delivery));
        }
        return deliveries;
    }

    /// <summary>Sends a batch to the dead-letter topic with the headers that say why it is there.</summary>
    public Task<DeliveryResult<byte[], byte[]>> DeadLetterAsync(EncodedBatch batch, Headers headers) =>
        producer.ProduceAsync(Topics.SamplesDeadLetter, new Message<byte[], byte[]> { Key = KeyOf(batch), Value = batch.Payload, Headers = headers });

    /// <summary>
    /// The batch's protobuf encoding, byte for byte what <c>ToByteArray</c> writes, with each sample's size computed
    /// once: the generated code computes it twice (once for the total, once for the length prefix), and sizing is
    /// the bulk of encoding a sample.
    /// </summary>
    public static byte[] Encode(SampleBatch batch) => EncodeWithin(batch, null, int.MaxValue)!;

    /// <summary>
    /// As <see cref="Encode"/>, or null without writing anything when the encoding would exceed <paramref name="maxBytes"/>.
    /// A sample with an entry in <paramref name="encodings"/> (same index as in the batch) is written from its series'
    /// encoding (<see cref="SeriesEncoding"/>): the same bytes, without sizing and writing its labels again.
    /// </summary>
    public static byte[]? EncodeWithin(SampleBatch batch, IReadOnlyList<SeriesEncoding?>? encodings, int maxBytes)
    {
        var samples = batch.Samples;
        var sizes = ArrayPool<int>.Shared.Rent(samples.Count);
        try
        {
            var total = 0L;
            for (var i = 0; i < samples.Count; i++)
            {
                var sample = samples[i];
                sizes[i] = encodings?[i] is { } series ? series.SizeOf(sample.Value, sample.TimestampUnixMs) : sample.CalculateSize();
                total += SamplesTagSize + CodedOutputStream.ComputeLengthSize(sizes[i]) + sizes[i];
            }
            if (total > maxBytes)
            {
                return null;
            }
            var bytes = new byte[total];
            var output = bytes.AsSpan();
            var at = 0;
            for (var i = 0; i < samples.Count; i++)
            {
                var sample = samples[i];
                output[at++] = SamplesTag;
                at += SeriesEncoding.WriteVarint(output[at..], (uint)sizes[i]);
                var destination = output.Slice(at, sizes[i]);
                if (encodings?[i] is { } series)
                {
                    series.WriteTo(destination, sample.Value, sample.TimestampUnixMs);
                }
                else
                {
                    sample.WriteTo(destination);
                }
                at += sizes[i];
            }
            return bytes;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sizes);
        }
    }

    // SampleBatch.samples (field 1, length-delimited): a one-byte tag.
    private const byte SamplesTag = (SampleBatch.SamplesFieldNumber << 3) | (byte)WireFormat.WireType.LengthDelimited;
    private const int SamplesTagSize = 1;

    public void Flush(CancellationToken cancellationToken) => producer.Flush(cancellationToken);

    public void Dispose() => producer.Dispose();

    private static byte[] KeyOf(EncodedBatch batch) => SampleRecordKey.Of(batch.Batch.Samples[0].SeriesId);

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
