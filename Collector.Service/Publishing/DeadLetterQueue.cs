using System.Text;
using Confluent.Kafka;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// Where spooled samples go that Kafka refused for good on replay: the client was answered long ago, so they cannot
/// be refused to it, and retrying the same bytes would fail forever. Each record lands in perfmon.samples.dlq as it
/// was, with why in its headers, for an operator to inspect or re-drive.
/// </summary>
public sealed partial class DeadLetterQueue(SampleProducer producer, SpoolMetrics metrics, ILogger<DeadLetterQueue> logger)
{
    public const string ReasonHeader = "perfmon-dlq-reason";
    public const string ErrorCodeHeader = "perfmon-dlq-error-code";
    public const string SourceHeader = "perfmon-dlq-source";
    public const string SpoolReplaySource = "collector-spool-replay";

    /// <summary>Kafka's reasons are short; a bound keeps the headers inside the record overhead the batcher reserves.</summary>
    private const int MaxReasonLength = 256;

    /// <summary>
    /// True once the batch is settled: in the dead-letter topic, or dropped because no topic can take it (logged and
    /// counted). False when Kafka failed transiently; the caller keeps the batch and tries again later.
    /// </summary>
    public async Task<bool> SendAsync(EncodedBatch batch, Error cause, string origin)
    {
        var reason = ProduceErrors.Describe(cause);
        var headers = new Headers
        {
            { ReasonHeader, Encoding.UTF8.GetBytes(reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength]) },
            { ErrorCodeHeader, Encoding.UTF8.GetBytes(cause.Code.ToString()) },
            { SourceHeader, Encoding.UTF8.GetBytes(SpoolReplaySource) },
        };
        var samples = batch.Batch.Samples.Count;
        try
        {
            await producer.DeadLetterAsync(batch, headers);
            metrics.DeadLettered(samples);
            LogDeadLettered(samples, origin, reason);
            return true;
        }
        catch (ProduceException<byte[], byte[]> ex) when (ProduceErrors.IsPermanent(ex.Error.Code))
        {
            Drop(samples, origin, $"{reason}; the dead-letter topic refused it too: {ProduceErrors.Describe(ex.Error)}");
            return true;
        }
        catch (ProduceException<byte[], byte[]> ex)
        {
            LogDeadLetterDeferred(samples, origin, ProduceErrors.Describe(ex.Error));
            return false;
        }
    }

    /// <summary>Gives up on samples no Kafka topic can hold (one alone is larger than a record): logged, counted, gone.</summary>
    public void Drop(int samples, string origin, string reason)
    {
        metrics.Dropped(samples);
        LogDropped(samples, origin, reason);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dead-lettered {Samples} samples of {Origin} to perfmon.samples.dlq: Kafka refused them for good ({Reason})")]
    private partial void LogDeadLettered(int samples, string origin, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not dead-letter {Samples} samples of {Origin} yet ({Reason}); trying again")]
    private partial void LogDeadLetterDeferred(int samples, string origin, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Dropped {Samples} samples of {Origin}: no Kafka topic can take them ({Reason})")]
    private partial void LogDropped(int samples, string origin, string reason);
}
