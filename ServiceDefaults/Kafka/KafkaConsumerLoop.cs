using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>
/// The one consumer loop every service runs its Kafka consumers on: a <see cref="KafkaConsumerRun"/> per run, and after a
/// fault the handler's unwritten state is dropped and a new run starts after a backoff that doubles with each failure in
/// a row (up to <see cref="KafkaOptions.MaxConsumerRestartDelay"/>) and starts over once a run has handled records.
/// </summary>
public sealed partial class KafkaConsumerLoop(KafkaClientFactory kafka, IMeterFactory meterFactory, TimeProvider clock, ILogger<KafkaConsumerLoop> logger)
{
    /// <summary>Runs <paramref name="handler"/> until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(KafkaConsumerSettings settings, IKafkaConsumerHandler handler, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var metrics = new KafkaConsumerMetrics(meterFactory, settings);
        var backoff = new RestartBackoff(settings.RestartDelay, kafka.Options.MaxConsumerRestartDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            KafkaConsumerRun? run = null;
            try
            {
                await handler.PrepareAsync(stoppingToken);
                var events = new RebalanceEvents();
                using var consumer = Build(settings, events);
                run = new KafkaConsumerRun(consumer, events, handler, settings, metrics, logger);
                try
                {
                    await run.RunAsync(stoppingToken);
                }
                finally
                {
                    run.Dispose();
                    Close(consumer, settings.Name);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                handler.Abandon();
                return;
            }
            catch (Exception ex)
            {
                handler.Abandon();
                metrics.Restarted();
                if (run?.Progressed == true)
                {
                    backoff.Reset();
                }
                var delay = backoff.Next();
                LogRestart(ex, settings.Name, delay);
                try
                {
                    await Task.Delay(delay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private IConsumer<byte[], byte[]> Build(KafkaConsumerSettings settings, RebalanceEvents events)
    {
        var config = kafka.CreateConsumerConfig(settings.GroupId);
        settings.Configure?.Invoke(config);
        // The handlers only record: librdkafka calls them inside a poll, where nothing may wait on I/O.
        return new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, partitions) => events.Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => events.Revoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => events.Lost(partitions))
            .Build();
    }

    /// <summary>Commits what was stored and leaves the group, so the partitions move at once instead of after the session timeout.</summary>
    private void Close(IConsumer<byte[], byte[]> consumer, string name)
    {
        try
        {
            consumer.Close();
        }
        catch (KafkaException ex)
        {
            LogCloseFailed(ex, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer {Consumer} failed; restarting from the stored offsets in {Delay}")]
    private partial void LogRestart(Exception exception, string consumer, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {Consumer} could not leave its group cleanly; its partitions move after the session timeout")]
    private partial void LogCloseFailed(Exception exception, string consumer);
}
