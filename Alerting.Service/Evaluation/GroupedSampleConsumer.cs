using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Reads <see cref="GroupForwarder.Topic"/> in its own consumer group (<see cref="GroupOf"/>): the topic is keyed by
/// (rule, group), so each group is owned by one replica, which receives the samples every replica read of it and
/// evaluates the group's whole value. Kafka's group membership hands a dead replica's groups to the living ones. Modelled
/// on <see cref="StreamEvaluator"/>; it starts once that one has rebuilt the alert states from PostgreSQL.
/// </summary>
public sealed partial class GroupedSampleConsumer(
    KafkaClientFactory kafka,
    AlertEngine engine,
    StreamEvaluator stream,
    IOptions<AlertingOptions> options,
    TimeProvider clock,
    ILogger<GroupedSampleConsumer> logger) : BackgroundService
{
    /// <summary>True once partitions are assigned.</summary>
    public bool IsConsuming { get; private set; }

    public static string GroupOf(AlertingOptions options) => options.ConsumerGroup + ".groups";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (!stream.IsConsuming)
                {
                    await Task.Delay(options.Value.PollTimeout, stoppingToken);
                }
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
        var config = kafka.CreateConsumerConfig(GroupOf(settings));
        config.FetchWaitMaxMs = settings.FetchWaitMaxMs;
        // As on the sample stream: offsets stored after evaluation, committed in the background; a replay is harmless
        // because alert transitions are a compare-and-set in PostgreSQL.
        config.EnableAutoCommit = true;
        config.AutoCommitIntervalMs = (int)settings.CommitInterval.TotalMilliseconds;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config)
            .SetPartitionsAssignedHandler((_, _) => IsConsuming = true)
            .Build();
        consumer.Subscribe(GroupForwarder.Topic);
        var polled = new List<ConsumeResult<byte[], byte[]>>(settings.MaxRecordsPerBatch);
        var groups = new List<GroupedSamples>(settings.MaxRecordsPerBatch);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                polled.Clear();
                for (var next = Poll(consumer, settings.PollTimeout); next is not null; next = polled.Count < settings.MaxRecordsPerBatch ? Poll(consumer, TimeSpan.Zero) : null)
                {
                    polled.Add(next);
                }
                if (polled.Count == 0)
                {
                    continue;
                }
                // A record older than the longest replay is of no window any more (a new group starts at the earliest record).
                var cutoff = (clock.GetUtcNow() - settings.MaxReplay).ToUnixTimeMilliseconds();
                groups.Clear();
                foreach (var record in polled.Where(r => r.Message.Timestamp.UnixTimestampMs >= cutoff))
                {
                    try
                    {
                        groups.Add(GroupedSamples.Decode(record.Message.Value));
                    }
                    catch (JsonException ex)
                    {
                        LogBadRecord(ex, record.Message.Value.Length);
                    }
                }
                await engine.OnGroupedSamplesAsync(groups, stoppingToken);
                foreach (var record in polled)
                {
                    consumer.StoreOffset(record);
                }
            }
        }
        finally
        {
            IsConsuming = false;
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
            // A cluster where the topic is not created yet: nothing to read until it is.
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grouped sample consumer failed; restarting in {Delay}")]
    private partial void LogRestart(Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a perfmon.alerting.groups.v1 record of {Length} bytes that is not a grouped samples record")]
    private partial void LogBadRecord(Exception exception, int length);
}
