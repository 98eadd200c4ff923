using Confluent.Kafka;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>The shape every evaluating consumer shares (samples, events, grouped samples), from the validated options.</summary>
public static class EvaluationConsumerSettings
{
    public static KafkaConsumerSettings For(string name, string groupId, string topic, AlertingOptions settings) => new(name, groupId, [topic], AlertingMeter.Name)
    {
        PollTimeout = settings.PollTimeout,
        MaxBatch = settings.MaxRecordsPerBatch,
        RestartDelay = settings.RestartDelay,
        StoreOffsets = true,
        Configure = config =>
        {
            // A partition the group never committed on starts at the beginning; ReplayCutoffs (or, for grouped samples,
            // MaxReplay) skips what no window reaches any more.
            config.AutoOffsetReset = AutoOffsetReset.Earliest;
            // The broker otherwise holds an empty fetch up to 500 ms: half the alert latency budget.
            config.FetchWaitMaxMs = settings.FetchWaitMaxMs;
            // Offsets are stored after evaluation and committed in the background: a synchronous commit per record was
            // a broker round trip per record, which alone kept the evaluator behind a busy stream. A crash replays at
            // most one interval, and alert state is a compare-and-set in PostgreSQL, so a replay never fires twice.
            config.EnableAutoCommit = true;
            config.AutoCommitIntervalMs = (int)settings.CommitInterval.TotalMilliseconds;
        },
    };
}
