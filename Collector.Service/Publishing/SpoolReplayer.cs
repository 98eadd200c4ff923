using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Replays the spool to Kafka a window at a time (<see cref="WindowReplayer"/>), as soon as there is something to
/// send and Kafka can take it. Also what notices Kafka is back: it keeps asking for metadata while Kafka is down.
/// </summary>
public sealed partial class SpoolReplayer(
    SampleSpool spool, SampleProducer producer, WindowReplayer window, KafkaAvailability availability,
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
                var outcome = await window.ReplayAsync(head, stoppingToken);
                Observe(outcome);
                if (outcome.WaitingFor is { } inFlight)
                {
                    // The head's own produce decides; look again the moment its report arrives, not a backoff later.
                    await Task.WhenAny(inFlight, Task.Delay(Backoff, stoppingToken));
                }
                else if (outcome.Acknowledged == 0)
                {
                    await Task.Delay(Backoff, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or KafkaException or InvalidOperationException or SpoolUnavailableException)
            {
                LogReplayFailed(ex);
                await Task.Delay(Backoff, stoppingToken);
            }
        }
    }

    /// <summary>What a window says about Kafka: up when it confirmed any record, down when it confirmed none.</summary>
    private void Observe(WindowOutcome outcome)
    {
        if (outcome.ReachedKafka)
        {
            availability.MarkUp();
        }
        else if (outcome.Failure is { } failure)
        {
            availability.MarkDown(failure);
        }
        if (!spool.HasPending && outcome.Replayed > 0)
        {
            LogDrained();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spool replay failed; retrying")]
    private partial void LogReplayFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spool drained: every spooled sample is confirmed by Kafka")]
    private partial void LogDrained();
}
