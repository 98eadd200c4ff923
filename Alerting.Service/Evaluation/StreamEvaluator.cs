using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Evaluates threshold rules on every sample as it arrives (group "alerting"), so a breach is seen within the
/// poll interval rather than at the next minute. State changes are stored and handed to the dispatcher.
/// </summary>
public sealed partial class StreamEvaluator(
    KafkaClientFactory kafka,
    RuleCache rules,
    AlertStore alerts,
    NotificationQueue notifications,
    TimeProvider clock,
    IOptions<AlertingOptions> options,
    ILogger<StreamEvaluator> logger) : BackgroundService
{
    private readonly Dictionary<(Guid RuleId, ulong SeriesId), AlertInstance> instances = [];

    /// <summary>True once partitions are assigned: samples produced from then on will be evaluated.</summary>
    public bool IsConsuming { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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
        var config = kafka.CreateConsumerConfig(AlertingOptions.ConsumerGroup);
        // Alerts concern the present: a new group starts at the end of the stream, not at old history.
        config.AutoOffsetReset = AutoOffsetReset.Latest;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, _) => IsConsuming = true)
            .Build();
        consumer.Subscribe(Topics.Samples);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var record = consumer.Consume(options.Value.PollTimeout);
                if (record is not { IsPartitionEOF: false, Message: not null })
                {
                    continue;
                }
                foreach (var sample in SampleBatch.Parser.ParseFrom(record.Message.Value).Samples)
                {
                    await EvaluateAsync(sample, stoppingToken);
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

    private async Task EvaluateAsync(Sample sample, CancellationToken cancellationToken)
    {
        var labels = sample.Labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);
        foreach (var rule in rules.Enabled)
        {
            if (!rule.Matches(sample.Metric, labels))
            {
                continue;
            }
            if (!instances.TryGetValue((rule.Id, sample.SeriesId), out var instance) || instance.Rule.Window != rule.Window)
            {
                instance = new AlertInstance(rule, SeriesId.ToStorage(sample.SeriesId), labels);
                instances[(rule.Id, sample.SeriesId)] = instance;
            }
            instance.Rule = rule;
            instance.Window.Add(sample.TimestampUnixMs, sample.Value);
            if (!instance.Evaluate(instance.Window.Aggregate(rule.Aggregation), clock.GetUtcNow()))
            {
                continue;
            }

            await alerts.SaveAsync(instance, cancellationToken);
            LogStateChanged(rule.Id, sample.SeriesId, instance.State, instance.Value);
            if (instance.State is AlertState.Firing or AlertState.Resolved)
            {
                await notifications.EnqueueAsync(new AlertNotification(
                    "1", rule.Id, rule.Name, instance.State.ToString().ToLowerInvariant(), rule.Severity, rule.Metric, instance.Labels,
                    instance.Value, rule.Condition, rule.Threshold, instance.ActiveAt, instance.FiredAt, instance.ResolvedAt, rule.WebhookUrl), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert evaluator failed; restarting in {Delay}")]
    private partial void LogRestart(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} series {SeriesId} is now {State} at {Value}")]
    private partial void LogStateChanged(Guid ruleId, ulong seriesId, AlertState state, double value);
}
