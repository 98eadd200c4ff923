using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Feeds the engine from Kafka (group "alerting"): samples from perfmon.samples.v1 as they arrive, so a breach is seen
/// within the poll interval, and anomaly and health events from perfmon.events.v1. State is rebuilt from PostgreSQL
/// before the first record is read.
/// </summary>
public sealed partial class StreamEvaluator(
    KafkaClientFactory kafka,
    AlertEngine engine,
    IOptions<AlertingOptions> options,
    ILogger<StreamEvaluator> logger) : BackgroundService
{
    public const string EventTypeHeader = "type";

    /// <summary>True once partitions are assigned: samples produced from then on will be evaluated.</summary>
    public bool IsConsuming { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.RebuildAsync(stoppingToken);
                await ConsumeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsConsuming = false;
                LogRestart(ex, options.Value.RestartDelay);
                await Task.Delay(options.Value.RestartDelay, stoppingToken);
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var config = kafka.CreateConsumerConfig(options.Value.ConsumerGroup);
        // Alerts concern the present: a new group starts at the end of the stream, not at old history.
        config.AutoOffsetReset = AutoOffsetReset.Latest;
        // The broker otherwise holds an empty fetch up to 500 ms: half the alert latency budget.
        config.FetchWaitMaxMs = options.Value.FetchWaitMaxMs;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, _) => IsConsuming = true)
            .Build();
        consumer.Subscribe([Topics.Samples, Topics.Events]);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[], byte[]>? record;
                try
                {
                    record = consumer.Consume(options.Value.PollTimeout);
                }
                catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
                {
                    // A cluster where the events topic does not exist yet: samples still flow.
                    continue;
                }
                if (record is not { IsPartitionEOF: false, Message: not null })
                {
                    continue;
                }
                if (record.Topic == Topics.Samples)
                {
                    await engine.OnSamplesAsync(SampleBatch.Parser.ParseFrom(record.Message.Value).Samples, stoppingToken);
                }
                else if (record.Message.Headers?.TryGetLastBytes(EventTypeHeader, out var type) == true)
                {
                    await EvaluateEventAsync(Encoding.UTF8.GetString(type), record.Message.Value, stoppingToken);
                }
                consumer.StoreOffset(record);
                consumer.Commit();
            }
        }
        finally
        {
            IsConsuming = false;
            consumer.Close();
        }
    }

    private async Task EvaluateEventAsync(string type, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await engine.OnEventAsync(type, body, cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // A malformed event is skipped, not retried forever.
            LogBadEvent(ex, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert evaluator failed; restarting in {Delay}")]
    private partial void LogRestart(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed {Type} event")]
    private partial void LogBadEvent(Exception exception, string type);
}
