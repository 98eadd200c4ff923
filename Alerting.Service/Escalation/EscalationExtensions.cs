namespace PerfMonitor.Alerting.Escalation;

public static class EscalationExtensions
{
    /// <summary>Escalation of unacknowledged critical alerts by the routing tree's escalate_after and escalate_to.</summary>
    public static IHostApplicationBuilder AddEscalation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EscalationRound>();
        builder.Services.AddHostedService<EscalationDispatcher>();
        return builder;
    }
}
