using Grpc.Core;
using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.State;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Grpc;

/// <summary>perfmon.v1.Alerts' alert methods: listing alerts and acknowledging one, as GET /api/v1/alerts and POST /api/v1/alerts/{id}/acknowledge do.</summary>
public sealed class AlertRpc(AlertQueries alerts, AlertAcknowledger acknowledger)
{
    private const int MaxHistory = 500;

    public async Task<ListAlertsResponse> ListAsync(ListAlertsRequest request, CancellationToken cancellationToken)
    {
        var state = Text(request.State);
        if (state is not null && !WireName<AlertState>.TryParse(state, out _))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"state: must be one of {string.Join(", ", WireName<AlertState>.All)}"));
        }
        Guid? ruleId = Text(request.RuleId) is { } id
            ? Guid.TryParse(id, out var parsed) ? parsed : throw new RpcException(new Status(StatusCode.InvalidArgument, "id: must be a rule id (UUID)"))
            : null;
        var views = await alerts.QueryAsync(state, ruleId, request.History > 0 ? Math.Min(request.History, MaxHistory) : AlertQueries.DefaultHistory, cancellationToken);
        var response = new ListAlertsResponse();
        response.Alerts.AddRange(views.Select(AlertMessages.From));
        return response;
    }

    public async Task<Alert> AcknowledgeAsync(AcknowledgeAlertRequest request, CancellationToken cancellationToken)
    {
        var acknowledgement = new AcknowledgeRequest(Text(request.By), Text(request.Comment));
        if (acknowledgement.Check() is { Count: > 0 } errors)
        {
            throw AlertsGrpcService.Invalid(errors);
        }
        var outcome = await acknowledger.AcknowledgeAsync(request.Id, acknowledgement.By!, acknowledgement.Comment, null, cancellationToken);
        return outcome.Status switch
        {
            AcknowledgeStatus.Acknowledged => AlertMessages.From(outcome.Alert!),
            AcknowledgeStatus.NotFound => throw new RpcException(new Status(StatusCode.NotFound, $"no alert {request.Id}: ids are the fingerprints ListAlerts returns")),
            _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, $"alert {request.Id} is {outcome.Alert!.State}; only a firing alert can be acknowledged")),
        };
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;
}
