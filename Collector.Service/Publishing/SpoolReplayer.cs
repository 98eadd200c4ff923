using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Sends spooled records to Kafka in order, a window at a time, and acknowledges each in the spool once Kafka
/// confirmed all of it. Also what notices Kafka is back: it keeps asking for metadata while Kafka is down.
/// </summary>
public sealed partial class SpoolReplayer(
    SampleSpool spool, SampleProducer producer, KafkaAvailability availability, SpoolMetrics metrics,
    IOptions<PublishingOptions> options, ILogger<SpoolReplayer> logger) : BackgroundService
{
    private TimeSpan Backoff => options.Value.RetryBackoff;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!producer.Ready || (availability.IsDown && !spool.HasPending))
                {
                    if (!await producer.TryResolveAsync(stoppingToken))
                    {
                        await Task.Delay(Backoff, stoppingToken);
                        continue;
                    }
                }

                // Taken before looking, so an append between the look and the wait still wakes us.
                var appended = spool.WaitForAppendAsync(stoppingToken);
                var head = spool.Head(options.Value.ReplayWindow);
                if (head.Count == 0)
                {
                    await Task.WhenAny(appended, Task.Delay(Backoff, stoppingToken));
                    continue;
                }
                if (!await ReplayAsync(head, stoppingToken))
                {
                    await Task.Delay(Backoff, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or KafkaException or InvalidOperationException)
            {
                LogReplayFailed(ex);
                await Task.Delay(Backoff, stoppingToken);
            }
        }
    }

    /// <summary>One window; false when nothing could be confirmed (back off before the next attempt).</summary>
    private async Task<bool> ReplayAsync(IReadOnlyList<SpoolRecord> head, CancellationToken cancellationToken)
    {
        var acknowledged = new List<SpoolRecord>();
        var sends = new List<(SpoolRecord Record, List<(SampleBatch Batch, Task<DeliveryResult<byte[], byte[]>> Delivery)> Deliveries)>();
        foreach (var record in head)
        {
            if (record.InFlight is { } inFlight)
            {
                if (!inFlight.IsCompleted)
                {
                    // Its original produce may still land; sending the copy now could duplicate it. Order: wait.
                    if (sends.Count == 0 && acknowledged.Count == 0)
                    {
                        await Task.WhenAny(inFlight, Task.Delay(Backoff, cancellationToken));
                    }
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
            sends.Add((record, producer.Produce(SampleBatch.Parser.ParseFrom(payload).Samples)));
        }

        // Delivery reports are awaited without the stopping token: at shutdown, confirmed records must still be
        // acknowledged, or the next start would send them again.
        var replayed = 0L;
        var failures = 0;
        foreach (var (record, deliveries) in sends)
        {
            await Task.WhenAll(deliveries.Select(d => d.Delivery)).ContinueWith(_ => { }, TaskScheduler.Default);
            var failed = deliveries.Where(d => !d.Delivery.IsCompletedSuccessfully).ToList();
            if (failed.Count == deliveries.Count)
            {
                failures++;
                LogSendFailed(record.Segment, record.Index, Reason(failed[0].Delivery));
                continue;
            }
            if (failed.Count > 0)
            {
                // Part of the record is in Kafka: only the rest may be sent again, as new records at the tail.
                await spool.AppendAsync(failed.Select(f => new SpoolPayload(f.Batch.ToByteArray())).ToList(), CancellationToken.None);
            }
            acknowledged.Add(record);
            replayed += deliveries.Except(failed).Sum(d => d.Batch.Samples.Count);
        }

        await spool.AcknowledgeAsync(acknowledged, CancellationToken.None);
        metrics.Replayed(replayed);
        if (sends.Count > failures && sends.Count > 0)
        {
            availability.MarkUp();
        }
        else if (failures > 0)
        {
            availability.MarkDown(Reason(sends[0].Deliveries[0].Delivery));
        }
        if (!spool.HasPending && replayed > 0)
        {
            LogDrained();
        }
        return acknowledged.Count > 0;
    }

    private static string Reason(Task<DeliveryResult<byte[], byte[]>> delivery) =>
        delivery.Exception?.InnerException is ProduceException<byte[], byte[]> ex ? ex.Error.Reason : "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool replay failed; retrying")]
    private partial void LogReplayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spooled record {Segment}/{Index} was not confirmed by Kafka ({Reason}); retrying")]
    private partial void LogSendFailed(long segment, int index, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spooled record {Segment}/{Index} failed its checksum on replay; dropped and counted")]
    private partial void LogCorrupt(long segment, int index);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spool drained: every spooled sample is confirmed by Kafka")]
    private partial void LogDrained();
}
