using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Feeds the engine anomaly and health events from perfmon.events.v1, each known by the contract type in its header, in
/// a consumer group of its own (<see cref="GroupOf"/>) on the shared <see cref="KafkaConsumerLoop"/>. In the samples'
/// group, Kafka's assignors (which balance partition counts, not topics) gave one of two replicas every sample partition
/// and the other every event partition. It starts once <see cref="StreamEvaluator"/> has rebuilt the alert states from
/// PostgreSQL and then runs beside it: the engine lets one caller in at a time.
/// </summary>
public sealed partial class EventStreamConsumer(
    KafkaConsumerLoop loop,
    AlertEngine engine,
    StreamEvaluator stream,
    ReplayCutoffs cutoffs,
    IOptions<AlertingOptions> options,
    ILogger<EventStreamConsumer> logger) : ReplayingConsumer(cutoffs)
{
    public static string GroupOf(AlertingOptions options) => options.ConsumerGroup + ".events";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await stream.WaitStartedAsync(stoppingToken))
        {
            await loop.RunAsync(EvaluationConsumerSettings.For("alert-events", GroupOf(options.Value), Topics.Events, options.Value), this, stoppingToken);
        }
    }

    protected override async Task EvaluateAsync(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            if (record.Message.Headers?.TryGetLastBytes(EventHeaders.Type, out var type) == true)
            {
                await EvaluateEventAsync(Encoding.UTF8.GetString(type), record.Message.Value, cancellationToken);
            }
        }
    }

    private async Task EvaluateEventAsync(string type, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            await engine.OnEventAsync(type, body, cancellationToken);
        }
        catch (JsonException ex)
        {
            // A malformed event is skipped, not retried forever.
            LogBadEvent(ex, type);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed {Type} event")]
    private partial void LogBadEvent(Exception exception, string type);
}
