using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Routing;
using PerfMonitor.ServiceDefaults.Jobs;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// A round of the routing tree's dispatch (groups, escalations) every Alerting:Routing:PollInterval, which wakes delivery
/// when it wrote notifications to the outbox. <paramref name="round"/> returns how many it wrote.
/// </summary>
public abstract class OutboxRoundJob(
    Func<DateTimeOffset, CancellationToken, Task<int>> round, IOutboxSignal outbox, IOptions<RoutingOptions> options, TimeProvider clock)
    : PeriodicJob(clock)
{
    /// <summary>Without jitter: the poll interval is how late the work a round finds due (a group wait, an escalate_after) goes out.</summary>
    protected override JobSchedule Schedule => JobSchedule.Every(options.Value.PollInterval) with { Jitter = 0 };

    protected override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        if (await round(Clock.GetUtcNow(), cancellationToken) > 0)
        {
            outbox.Wake();
        }
    }
}
