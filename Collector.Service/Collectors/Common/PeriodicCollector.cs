using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>
/// A built-in collector: every interval it gathers samples and feeds them through the same pipeline as any
/// client's, labelled with <c>source</c>. A failed round is logged and the next one runs as usual.
/// </summary>
public abstract partial class PeriodicCollector(IngestPipeline pipeline, TimeProvider clock, ILogger logger) : BackgroundService
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reason = "switched off in configuration";
        if (!Settings.Enabled || !CanRun(out reason))
        {
            LogDisabled(Source, reason);
            return;
        }
        using var timer = new PeriodicTimer(Settings.Interval, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round's samples, labelled with <c>source</c> and stamped with the current time.</summary>
    public async Task<List<Sample>> CollectOnceAsync(CancellationToken cancellationToken)
    {
        var samples = new List<Sample>();
        await CollectAsync(samples, cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var sample in samples)
        {
            sample.Labels.Add(new Label { Name = "source", Value = Source });
            sample.TimestampUnixMs = now;
        }
        return samples;
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is Confluent.Kafka.KafkaException or Npgsql.NpgsqlException or TimeoutException)
        {
            // What it watches is unreachable (Kafka down, PostgreSQL restarting): expected, so no stack trace every round.
            LogUnreachable(Source, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A collector must never take the collector service down (a full spool included); the next round tries again.
            LogFailed(Source, ex);
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
