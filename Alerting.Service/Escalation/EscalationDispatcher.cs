using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Escalation;

/// <summary>Runs an escalation round every Alerting:Routing:PollInterval and wakes delivery when it wrote notifications.</summary>
public sealed partial class EscalationDispatcher(EscalationRound round, IOutboxSignal outbox, IOptions<RoutingOptions> options, TimeProvider clock, ILogger<EscalationDispatcher> logger)
    : OutboxRoundJob(round.RunAsync, outbox, options, clock)
{
    protected override string JobName => "escalation";

    protected override void OnFailed(Exception exception) => LogRoundFailed(exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation round failed; retrying at the next poll")]
    private partial void LogRoundFailed(Exception exception);
}
