using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>Moves time forward for every instance once per tick: timers for absence, <c>for</c>, keepFiringFor, repeats and silences.</summary>
public sealed partial class AlertTicker(AlertEngine engine, IOptions<AlertingOptions> options, ILogger<AlertTicker> logger) : PeriodicJob(TimeProvider.System)
{
    protected override string JobName => "alert-ticker";

    /// <summary>
    /// Without jitter: the tick interval is how late a timer's change (a <c>for</c> reached, a series gone quiet) may be
    /// noticed, so every tick keeps it. The first tick waits an interval: until the evaluator is assigned its partitions and
    /// restores the stored alerts there is nothing to move.
    /// </summary>
    protected override JobSchedule Schedule => JobSchedule.Every(options.Value.TickInterval) with { Jitter = 0, RunAtStart = false };

    protected override Task RunJobAsync(CancellationToken cancellationToken) => engine.TickAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogTickFailed(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert timer tick failed; trying again at the next tick")]
    private partial void LogTickFailed(Exception exception);
}
