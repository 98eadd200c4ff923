using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Makes accepted samples durable before a request is answered: confirmed by Kafka, or written to the spool.
/// <list type="bullet">
/// <item>Kafka known down, or the spool still replaying: straight to the spool (also keeps the replay in order).</item>
/// <item>Otherwise produced; batches confirmed within <see cref="PublishingOptions.SpoolAfter"/> are done. A batch whose
/// produce definitely failed is spooled for replay; one still in flight is spooled but held back until its delivery
/// report says whether the replayer must send it, so a slow broker never causes a duplicate.</item>
/// </list>
/// </summary>
public sealed partial class SamplePublisher(
    SampleProducer producer, SampleSpool spool, KafkaAvailability availability, SpoolMetrics metrics,
    IOptions<PublishingOptions> options, ILogger<SamplePublisher> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A collector must start, and accept into the spool, while Kafka is down; the replayer keeps trying.
        if (!await producer.TryResolveAsync(cancellationToken))
        {
            LogStartedWithoutKafka(availability.Reason);
        }
    }

    public async Task PublishAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        if (availability.IsDown || spool.HasPending || !producer.Ready)
        {
            await SpoolAsync(producer.Batches(samples).Select(b => new SpoolPayload(b.ToByteArray())).ToList(), samples.Count);
            return;
        }

        using var publish = KafkaTelemetry.StartPublish(Topics.Samples, samples.Count);
        var deliveries = producer.Produce(samples);
        try
        {
            await Task.WhenAll(deliveries.Select(d => d.Delivery)).WaitAsync(options.Value.SpoolAfter, CancellationToken.None);
            return;
        }
        catch (TimeoutException)
        {
            availability.MarkDown($"no delivery report within {options.Value.SpoolAfter.TotalSeconds:0.#} s");
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            availability.MarkDown(ex.Error.Reason);
        }

        var payloads = new List<SpoolPayload>();
        var count = 0;
        foreach (var (batch, delivery) in deliveries.Where(d => !d.Delivery.IsCompletedSuccessfully))
        {
            count += batch.Samples.Count;
            if (delivery.IsCompleted && IsPossiblyPersisted(delivery))
            {
                metrics.PossibleDuplicates(batch.Samples.Count);
            }
            payloads.Add(new SpoolPayload(batch.ToByteArray(), delivery.IsCompleted ? null : OutcomeOf(delivery, batch.Samples.Count)));
        }
        await SpoolAsync(payloads, count);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        producer.Flush(cancellationToken);
        return Task.CompletedTask;
    }

    private async Task SpoolAsync(IReadOnlyList<SpoolPayload> payloads, int samples)
    {
        try
        {
            // Not the request's token: once Kafka has been given up on, the write must finish even if the client left.
            await spool.AppendAsync(payloads, CancellationToken.None);
            metrics.Spooled(samples);
        }
        catch (SpoolFullException)
        {
            metrics.Refused(samples);
            LogSpoolFull(samples, spool.Bytes);
            throw;
        }
    }

    /// <summary>True once the in-flight produce is delivered; false when it definitely is not (the replayer then sends the spooled copy).</summary>
    private Task<bool> OutcomeOf(Task<DeliveryResult<byte[], byte[]>> delivery, int samples) => delivery.ContinueWith(t =>
    {
        if (t.IsCompletedSuccessfully)
        {
            availability.MarkUp();
            return true;
        }
        if (IsPossiblyPersisted(t))
        {
            // Lost or duplicated: nothing accepted may be lost, so it is sent again and counted as a possible duplicate.
            metrics.PossibleDuplicates(samples);
        }
        return false;
    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static bool IsPossiblyPersisted(Task<DeliveryResult<byte[], byte[]>> delivery) =>
        delivery.Exception?.InnerException is ProduceException<byte[], byte[]> { DeliveryResult.Status: PersistenceStatus.PossiblyPersisted };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collector started without Kafka ({Reason}); accepting into the spool")]
    private partial void LogStartedWithoutKafka(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused {Samples} samples: Kafka is unavailable and the spool is full ({Bytes} bytes)")]
    private partial void LogSpoolFull(int samples, long bytes);
}
