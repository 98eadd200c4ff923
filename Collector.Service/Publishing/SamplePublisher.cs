using Confluent.Kafka;
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
/// produce failed transiently is spooled for replay; one still in flight is spooled but held back until its delivery
/// report says whether the replayer must send it, so a slow broker never causes a duplicate.</item>
/// <item>What no retry can fix is never spooled: a sample too large for any Kafka record, and a batch Kafka refused
/// permanently, come back as refusals for the sender.</item>
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

    /// <param name="encodings">Per sample (same index), its series' encoding when it has one (<see cref="SeriesEncoding"/>); null when none has.</param>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<Sample> samples, IReadOnlyList<SeriesEncoding?>? encodings, CancellationToken cancellationToken)
    {
        var spoolFirst = availability.IsDown || spool.HasPending || !producer.Ready;
        var plan = producer.Plan(samples, encodings);
        if (spoolFirst)
        {
            if (plan.Batches.Count > 0)
            {
                await SpoolAsync(plan.Batches.Select(b => new SpoolPayload(b.Payload)).ToList(), plan.SampleCount);
            }
            return PublishResult.Of(plan.TooLarge);
        }

        using var publish = KafkaTelemetry.StartPublish(Topics.Samples, plan.SampleCount);
        var deliveries = producer.Produce(plan);
        try
        {
            await Task.WhenAll(deliveries.Select(d => d.Delivery)).WaitAsync(options.Value.SpoolAfter, CancellationToken.None);
            return PublishResult.Of(plan.TooLarge);
        }
        catch (TimeoutException)
        {
            availability.MarkDown($"no delivery report within {options.Value.SpoolAfter.TotalSeconds:0.#} s");
        }
        catch (ProduceException<byte[], byte[]>)
        {
            // Sorted out per batch below: a permanent refusal says nothing about Kafka's availability.
        }
        return await SpoolOrRefuseAsync(deliveries, plan.TooLarge);
    }

    /// <summary>Spools what may still get through and refuses, by sample, what Kafka refused for good.</summary>
    private async Task<PublishResult> SpoolOrRefuseAsync(List<BatchDelivery> deliveries, List<SampleRefusal> refused)
    {
        var payloads = new List<SpoolPayload>();
        var count = 0;
        foreach (var (batch, delivery) in deliveries.Where(d => !d.Delivery.IsCompletedSuccessfully))
        {
            if (ProduceErrors.PermanentErrorOf(delivery) is { } permanent)
            {
                var reason = $"Kafka refused the batch for good: {ProduceErrors.Describe(permanent)}";
                refused.AddRange(batch.Batch.Samples.Select(s => new SampleRefusal(s, reason, SampleRefusal.RefusedByKafka)));
                LogRefusedByKafka(batch.Batch.Samples.Count, batch.Partition, ProduceErrors.Describe(permanent));
                continue;
            }
            if (ProduceErrors.ErrorOf(delivery) is { } transient)
            {
                availability.MarkDown(transient.Reason);
                if (IsPossiblyPersisted(delivery))
                {
                    metrics.PossibleDuplicates(batch.Batch.Samples.Count);
                }
            }
            count += batch.Batch.Samples.Count;
            payloads.Add(new SpoolPayload(batch.Payload, delivery.IsCompleted ? null : OutcomeOf(delivery, batch.Batch.Samples.Count)));
        }
        if (payloads.Count > 0)
        {
            await SpoolAsync(payloads, count);
        }
        return PublishResult.Of(refused);
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
        catch (SpoolUnavailableException ex)
        {
            metrics.Refused(samples);
            LogSpoolRefused(samples, ex.Message);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused {Samples} samples with 503: {Reason}")]
    private partial void LogSpoolRefused(int samples, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka refused a batch of {Samples} samples for partition {Partition} for good ({Reason}); refused to the sender, not spooled")]
    private partial void LogRefusedByKafka(int samples, int partition, string reason);
}
