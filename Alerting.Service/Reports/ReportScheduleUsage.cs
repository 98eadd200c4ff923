using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Reports;

/// <summary>Report schedules send to the receivers they name: such a receiver is not deleted until no schedule names it.</summary>
public sealed class ReportScheduleUsage(ReportScheduleStore store) : IReceiverUsage
{
    public async Task<string?> UseOfAsync(string receiver, CancellationToken cancellationToken)
    {
        var kinds = await store.KindsSendingToAsync(receiver, cancellationToken);
        return kinds.Count switch
        {
            0 => null,
            1 => $"the {kinds[0]} report schedule sends to '{receiver}'; take it out with PUT /api/v1/reports/schedules/{kinds[0]} first",
            _ => $"the {string.Join(" and ", kinds)} report schedules send to '{receiver}'; take it out with PUT /api/v1/reports/schedules/{{kind}} first",
        };
    }
}
