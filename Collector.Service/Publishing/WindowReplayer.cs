using PerfMonitor.Collector.Spool;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Sends one window of spooled records to Kafka in order and acknowledges each in the spool once Kafka confirmed all
/// of it, or dead-lettered what Kafka refused for good. When to send a window is <see cref="SpoolReplayer"/>'s call.
/// </summary>
public sealed partial class WindowReplayer(
    SampleSpool spool, SampleProducer producer, DeadLetterQueue deadLetters, SpoolMetrics metrics, ILogger<WindowReplayer> logger)
{
    public async Task<WindowOutcome> ReplayAsync(IReadOnlyList<SpoolRecord> head, CancellationToken cancellationToken)
    {
        var acknowledged = new List<SpoolRecord>();
        var sends = new List<(SpoolRecord Record, BatchPlan Plan, List<BatchDelivery> Deliveries)>();
        Task<bool>? waitingFor = null;
        foreach (var record in head)
        {
            if (record.InFlight is { } inFlight)
            {
                if (!inFlight.IsCompleted)
                {
                    // Its original produce may still land; sending the copy now could duplicate it. Order: wait.
                    waitingFor = sends.Count == 0 && acknowledged.Count == 0 ? inFlight : null;
                    break;
                }
                if (inFlight.Result)
                {
                    acknowledged.Add(record);
                    continue;
                }
            }

            var payload = await spool.ReadAsync(record, cancellationToken);
            if (payload is null)
            {
                metrics.Corrupt();
                LogCorrupt(record.Segment, record.Index);
                acknowledged.Add(record);
                continue;
            }
            // Planned afresh: the partition count may have changed, and a record spooled before its batch was split
            // (or by an older collector) is split now.
            var plan = producer.Plan(SampleBatch.Parser.ParseFrom(payload).Samples);
            sends.Add((record, plan, producer.Produce(plan)));
        }

        // Delivery reports are awaited without the stopping token: at shutdown, confirmed records must still be
        // acknowledged, or the next start would send them again.
        var replayed = 0L;
        var failures = 0;
        string? failure = null;
        foreach (var (record, plan, deliveries) in sends)
        {
            await Task.WhenAll(deliveries.Select(d => d.Delivery)).ContinueWith(_ => { }, TaskScheduler.Default);
            var transient = deliveries.Where(d => !d.Delivery.IsCompletedSuccessfully && ProduceErrors.PermanentErrorOf(d.Delivery) is null).ToList();
            if (transient.Count > 0 && transient.Count == deliveries.Count)
            {
                var reason = ProduceErrors.ErrorOf(transient[0].Delivery)?.Reason ?? "unknown";
                failures++;
                failure ??= reason;
                LogSendFailed(record.Segment, record.Index, reason);
                continue;
            }
            transient.AddRange(await SettlePermanentFailuresAsync(record, plan, deliveries));
            if (transient.Count > 0)
            {
                // Part of the record is settled: only the rest may be sent again, as new records at the tail.
                await spool.AppendAsync(transient.Select(f => new SpoolPayload(f.Batch.Payload)).ToList(), CancellationToken.None);
            }
            acknowledged.Add(record);
            replayed += deliveries.Where(d => d.Delivery.IsCompletedSuccessfully).Sum(d => d.Batch.Batch.Samples.Count);
        }

        await spool.AcknowledgeAsync(acknowledged, CancellationToken.None);
        metrics.Replayed(replayed);
        return new WindowOutcome(sends.Count, failures, failure, replayed, acknowledged.Count, waitingFor);
    }

    /// <summary>
    /// What a retry cannot fix goes to the dead-letter topic (or, when no topic can hold it, is dropped and counted)
    /// instead of being retried forever; returns the batches the dead-letter topic could not take yet.
    /// </summary>
    private async Task<List<BatchDelivery>> SettlePermanentFailuresAsync(SpoolRecord record, BatchPlan plan, List<BatchDelivery> deliveries)
    {
        var origin = $"spool record {record.Segment}/{record.Index}";
        var deferred = new List<BatchDelivery>();
        foreach (var delivery in deliveries)
        {
            if (ProduceErrors.PermanentErrorOf(delivery.Delivery) is { } error && !await deadLetters.SendAsync(delivery.Batch, error, origin))
            {
                deferred.Add(delivery);
            }
        }
        if (plan.TooLarge.Count > 0)
        {
            deadLetters.Drop(plan.TooLarge.Count, origin, plan.TooLarge[0].Reason);
        }
        return deferred;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spooled record {Segment}/{Index} was not confirmed by Kafka ({Reason}); retrying")]
    private partial void LogSendFailed(long segment, int index, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spooled record {Segment}/{Index} failed its checksum on replay; dropped and counted")]
    private partial void LogCorrupt(long segment, int index);
}
