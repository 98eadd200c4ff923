using Grpc.Core;
using PerfMonitor.Alerting.Access;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Webhooks;
using PerfMonitor.Contracts.V1;
using AlertRule = PerfMonitor.Alerting.Rules.AlertRule;
using Duration = PerfMonitor.Alerting.Rules.Duration;
using LabelMatcher = PerfMonitor.Contracts.V1.LabelMatcher;

namespace PerfMonitor.Alerting.Grpc;

/// <summary>perfmon.v1.Alerts: the REST rule, alert (and acknowledge), receiver, dry-run and SLO routes over gRPC, through the same validation and stores.</summary>
public sealed class AlertsGrpcService(RuleStore store, RuleCommands commands, AlertRpc alerts, IRuleEditGuard guard, ReceiverRpc receivers, SloRpc slos)
    : Alerts.AlertsBase
{
    public override async Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse();
        var admin = IsAdmin(context);
        response.Rules.AddRange((await store.ListAsync(context.CancellationToken)).Select(rule => ToMessage(rule, admin)));
        return response;
    }

    public override async Task<Contracts.V1.AlertRule> GetRule(GetRuleRequest request, ServerCallContext context) =>
        await store.GetAsync(ParseId(request.Id), context.CancellationToken) is { } rule ? ToMessage(rule, IsAdmin(context)) : throw NotFound(request.Id);

    public override async Task<Contracts.V1.AlertRule> CreateRule(AlertRuleSpec request, ServerCallContext context)
    {
        var (rule, errors) = await commands.CreateAsync(ToRequest(request), context.CancellationToken);
        return rule is null ? throw Invalid(errors) : ToMessage(rule, IsAdmin(context));
    }

    public override async Task<Contracts.V1.AlertRule> UpdateRule(UpdateRuleRequest request, ServerCallContext context)
    {
        await RefuseManagedAsync(ParseId(request.Id), context.CancellationToken);
        return await commands.UpdateAsync(ParseId(request.Id), ToRequest(request.Rule ?? new AlertRuleSpec()), context.CancellationToken) switch
        {
            null => throw NotFound(request.Id),
            ({ } rule, _) => ToMessage(rule, IsAdmin(context)),
            (_, var errors) => throw Invalid(errors),
        };
    }

    public override async Task<DeleteRuleResponse> DeleteRule(DeleteRuleRequest request, ServerCallContext context)
    {
        await RefuseManagedAsync(ParseId(request.Id), context.CancellationToken);
        return await commands.DeleteAsync(ParseId(request.Id), context.CancellationToken) ? new DeleteRuleResponse() : throw NotFound(request.Id);
    }

    private async Task RefuseManagedAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await guard.RefusalAsync(id, cancellationToken) is { } reason)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, reason));
        }
    }

    public override Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context) => alerts.ListAsync(request, context.CancellationToken);

    public override Task<Alert> AcknowledgeAlert(AcknowledgeAlertRequest request, ServerCallContext context) => alerts.AcknowledgeAsync(request, context.CancellationToken);

    public override Task<ListSlosResponse> ListSlos(ListSlosRequest request, ServerCallContext context) => slos.ListAsync(context.CancellationToken);

    public override Task<Contracts.V1.Slo> CreateSlo(SloSpec request, ServerCallContext context) => slos.CreateAsync(request, context.CancellationToken);

    public override Task<Contracts.V1.Slo> UpdateSlo(UpdateSloRequest request, ServerCallContext context) => slos.UpdateAsync(request, context.CancellationToken);

    public override Task<DeleteSloResponse> DeleteSlo(DeleteSloRequest request, ServerCallContext context) => slos.DeleteAsync(request.Id, context.CancellationToken);

    public override Task<SloBudget> GetSloBudget(GetSloBudgetRequest request, ServerCallContext context) => slos.BudgetAsync(request, context.CancellationToken);

    public override Task<ListReceiversResponse> ListReceivers(ListReceiversRequest request, ServerCallContext context) => receivers.ListAsync(context.CancellationToken);

    public override Task<Contracts.V1.Receiver> CreateReceiver(ReceiverSpec request, ServerCallContext context) => receivers.CreateAsync(request, context.CancellationToken);

    public override Task<Contracts.V1.Receiver> UpdateReceiver(ReceiverSpec request, ServerCallContext context) => receivers.UpdateAsync(request, context.CancellationToken);

    public override Task<DeleteReceiverResponse> DeleteReceiver(DeleteReceiverRequest request, ServerCallContext context) => receivers.DeleteAsync(request.Name, context.CancellationToken);

    public override Task<DryRunRoutingResponse> DryRunRouting(DryRunRoutingRequest request, ServerCallContext context) => receivers.DryRunAsync(request, context.CancellationToken);

    private static AlertRuleRequest ToRequest(AlertRuleSpec spec) => new(
        Text(spec.Name), Text(spec.Kind), Text(spec.Metric), spec.Labels.ToDictionary(), Text(spec.Aggregation), Text(spec.Window), Text(spec.Condition),
        spec.HasThreshold ? spec.Threshold : null, Text(spec.For), Text(spec.Severity), spec.HasCooldownMinutes ? spec.CooldownMinutes : null,
        Text(spec.WebhookUrl), Text(spec.Format), spec.HasEnabled ? spec.Enabled : null,
        [.. spec.Matchers.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value))], spec.HasRecoveryThreshold ? spec.RecoveryThreshold : null,
        Text(spec.KeepFiringFor), Text(spec.RepeatInterval), spec.HasSecret ? spec.Secret : null, Text(spec.MinSeverity),
        [.. spec.GroupBy], [.. spec.Numerator.Select(m => new LabelMatcherRequest(m.Name, m.Op, m.Value))], Text(spec.Expr),
        spec.Annotations.Count > 0 ? spec.Annotations.ToDictionary() : null);

    /// <summary>The gateway's scopes header, on a gRPC call and on its JSON-transcoded form alike.</summary>
    private static bool IsAdmin(ServerCallContext context) => CallerScopes.IsAdmin(context.GetHttpContext());

    private static Contracts.V1.AlertRule ToMessage(AlertRule rule, bool admin)
    {
        var message = new Contracts.V1.AlertRule
        {
            Id = rule.Id.ToString(), Name = rule.Name, Kind = rule.Kind.ToWire(), Metric = rule.Metric, Aggregation = rule.Aggregation.ToWire(),
            Window = Duration.Format(rule.Window), Condition = rule.Condition.ToWire(), Threshold = rule.Threshold, For = Duration.Format(rule.For),
            Severity = rule.Severity.ToWire(), CooldownMinutes = rule.CooldownMinutes, WebhookUrl = WebhookUrls.ForCaller(rule.WebhookUrl, admin),
            Format = rule.Format.ToWire(), Enabled = rule.Enabled,
            KeepFiringFor = Duration.Format(rule.KeepFiringFor), RepeatInterval = Duration.Format(rule.RepeatInterval), MinSeverity = rule.MinSeverity.ToWire(),
            HasSecret = !string.IsNullOrEmpty(rule.Secret), Builtin = rule.Builtin, Expr = rule.Expr ?? "",
        };
        if (rule.RecoveryThreshold is { } recovery)
        {
            message.RecoveryThreshold = recovery;
        }
        message.Labels.Add(rule.Labels.ToDictionary());
        message.Matchers.AddRange(rule.Matchers.Select(m => new LabelMatcher { Name = m.Name, Op = m.Op, Value = m.Value }));
        message.GroupBy.AddRange(rule.GroupBy);
        message.Annotations.Add(rule.Annotations.ToDictionary());
        message.Numerator.AddRange(rule.Numerator.Select(m => new LabelMatcher { Name = m.Name, Op = m.Op, Value = m.Value }));
        return message;
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static Guid ParseId(string id) => Guid.TryParse(id, out var parsed)
        ? parsed
        : throw new RpcException(new Status(StatusCode.InvalidArgument, "id: must be a rule id (UUID)"));

    private static RpcException NotFound(string id) => new(new Status(StatusCode.NotFound, $"no alert rule {id}"));

    /// <summary>INVALID_ARGUMENT whose detail names each field, as the rule and receiver methods refuse.</summary>
    internal static RpcException Invalid(Dictionary<string, string[]> errors) => new(new Status(StatusCode.InvalidArgument,
        string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))));
}
