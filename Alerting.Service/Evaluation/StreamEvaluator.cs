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
        var settings = options.Value;
        var config = kafka.CreateConsumerConfig(settings.ConsumerGroup);
        // Alerts concern the present: a new group starts at the end of the stream, not at old history.
        config.AutoOffsetReset = AutoOffsetReset.Latest;
        // The broker otherwise holds an empty fetch up to 500 ms: half the alert latency budget.
        config.FetchWaitMaxMs = settings.FetchWaitMaxMs;
        // Offsets are stored after evaluation and committed in the background: a synchronous commit per record was a
        // broker round trip per record, which alone kept the evaluator behind a busy stream. A crash replays at most
        // one interval, and alert state is a compare-and-set in PostgreSQL, so a replay never fires an alert twice.
        config.EnableAutoCommit = true;
        config.AutoCommitIntervalMs = (int)settings.CommitInterval.TotalMilliseconds;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, _) => IsConsuming = true)
            .Build();
        consumer.Subscribe([Topics.Samples, Topics.Events]);
        var polled = new List<ConsumeResult<byte[], byte[]>>(settings.MaxRecordsPerBatch);
        var samples = new List<ReadOnlyMemory<byte>>(settings.MaxRecordsPerBatch);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Wait for one record, then take whatever else is already fetched: one evaluation and one write per batch.
                polled.Clear();
                for (var next = Poll(consumer, settings.PollTimeout); next is not null; next = polled.Count < settings.MaxRecordsPerBatch ? Poll(consumer, TimeSpan.Zero) : null)
                {
                    polled.Add(next);
                }
                if (polled.Count == 0)
                {
                    continue;
                }
                samples.Clear();
                samples.AddRange(polled.Where(r => r.Topic == Topics.Samples).Select(r => (ReadOnlyMemory<byte>)r.Message.Value));
                await engine.OnSampleRecordsAsync(samples, stoppingToken);
                foreach (var record in polled.Where(r => r.Topic != Topics.Samples))
                {
                    if (record.Message.Headers?.TryGetLastBytes(EventTypeHeader, out var type) == true)
                    {
                        await EvaluateEventAsync(Encoding.UTF8.GetString(type), record.Message.Value, stoppingToken);
                    }
                }
                foreach (var record in polled)
                {
                    consumer.StoreOffset(record);
                }
            }
        }
        finally
        {
            IsConsuming = false;
            // Close commits the stored offsets and leaves the group.
            consumer.Close();
        }
    }

    private static ConsumeResult<byte[], byte[]>? Poll(IConsumer<byte[], byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout) is { IsPartitionEOF: false, Message: not null } record ? record : null;
        }
        catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            // A cluster where the events topic does not exist yet: samples still flow.
            return null;
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
