using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// Alertmanager's dispatcher for routed alerts: a round when an alert of a routed rule changed (woken by the notify
/// pipeline after its commit) and at every poll interval (group waits and intervals coming due), each written to the
/// durable outbox, which it then wakes.
/// </summary>
public sealed partial class GroupDispatcher(GroupRound round, IOutboxSignal outbox, IOptions<RoutingOptions> options, TimeProvider clock, ILogger<GroupDispatcher> logger)
    : OutboxRoundJob(round.RunAsync, outbox, options, clock), IRoutedAlertSignal
{
    public void Wake() => WakeUp();

    protected override string JobName => "group-dispatch";

    protected override void OnFailed(Exception exception) => LogRoundFailed(exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group dispatch round failed; retrying at the next poll")]
    private partial void LogRoundFailed(Exception exception);
}
