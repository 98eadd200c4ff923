using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>
/// A built-in collector: a <see cref="PeriodicJob"/> that every interval gathers samples and feeds them through the same
/// pipeline as any client's, labelled with <c>source</c>. A failed round is logged and the next one runs as usual.
/// </summary>
public abstract partial class PeriodicCollector(IngestPipeline pipeline, TimeProvider clock, ILogger logger) : PeriodicJob(clock)
{
    /// <summary>The value of the <c>source</c> label on every sample this collector emits.</summary>
    protected abstract string Source { get; }

    protected abstract CollectorOptions Settings { get; }

    /// <summary>Adds this round's samples; labels other than <c>source</c> are the collector's own.</summary>
    protected abstract Task CollectAsync(List<Sample> samples, CancellationToken cancellationToken);

    /// <summary>False when the collector cannot run here (no /proc, nothing configured); checked once at start.</summary>
    protected virtual bool CanRun(out string reason)
    {
        reason = "";
        return true;
    }

    protected override string JobName => $"collector-{Source}";

    protected override JobSchedule Schedule => JobSchedule.Every(Settings.Interval);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reason = "switched off in configuration";
        if (!Settings.Enabled || !CanRun(out reason))
        {
            LogDisabled(Source, reason);
            return Task.CompletedTask;
        }
        return base.ExecuteAsync(stoppingToken);
    }

    /// <summary>One round's samples, labelled with <c>source</c> and stamped with the current time.</summary>
    public async Task<List<Sample>> CollectOnceAsync(CancellationToken cancellationToken)
    {
        var samples = new List<Sample>();
        await CollectAsync(samples, cancellationToken);
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var sample in samples)
        {
            sample.Labels.Add(new Label { Name = "source", Value = Source });
            sample.TimestampUnixMs = now;
        }
        return samples;
    }

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        var samples = await CollectOnceAsync(cancellationToken);
        if (samples.Count > 0)
        {
            var result = await pipeline.IngestAsync(samples, [], cancellationToken);
            if (result.Rejected > 0)
            {
                LogRejected(Source, result.Rejected, result.Errors[0].Field, result.Errors[0].Reason);
            }
        }
    }

    protected override void OnFailed(Exception exception)
    {
        if (exception is Confluent.Kafka.KafkaException or Npgsql.NpgsqlException or TimeoutException)
        {
            // What it watches is unreachable (Kafka down, PostgreSQL restarting): expected, so no stack trace every round.
            LogUnreachable(Source, exception.Message);
        }
        else
        {
            LogFailed(Source, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built-in collector {Source} is off: {Reason}")]
    private partial void LogDisabled(string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in collector {Source} failed this round; trying again next interval")]
    private partial void LogFailed(string source, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in collector {Source} could not reach what it watches: {Reason}; trying again next interval")]
    private partial void LogUnreachable(string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Built-in collector {Source}: {Count} samples refused, first on {Field}: {Reason}")]
    private partial void LogRejected(string source, int count, string field, string reason);
}
