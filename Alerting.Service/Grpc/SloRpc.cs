using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Expressions;
using PerfMonitor.Alerting.Slos;
using PerfMonitor.Contracts.V1;
using Slo = PerfMonitor.Contracts.V1.Slo;
using SloIndicator = PerfMonitor.Contracts.V1.SloIndicator;

namespace PerfMonitor.Alerting.Grpc;

/// <summary>perfmon.v1.Alerts' SLO methods: /api/v1/slos over gRPC, through the same validation, store, rules and budget query.</summary>
public sealed class SloRpc(SloStore store, SloCommands commands, BudgetQuery budget, TimeProvider clock, IOptions<SloOptions> options)
{
    public async Task<ListSlosResponse> ListAsync(CancellationToken cancellationToken)
    {
        var response = new ListSlosResponse();
        response.Slos.AddRange((await store.ListAsync(cancellationToken)).Select(slo => ToMessage(SloView.From(slo))));
        return response;
    }

    public async Task<Slo> CreateAsync(SloSpec spec, CancellationToken cancellationToken) =>
        await commands.CreateAsync(ToRequest(spec), cancellationToken) switch
        {
            ({ } slo, _) => ToMessage(SloView.From(slo)),
            (_, var errors) => throw AlertsGrpcService.Invalid(errors),
        };

    public async Task<Slo> UpdateAsync(UpdateSloRequest request, CancellationToken cancellationToken) =>
        await commands.UpdateAsync(ParseId(request.Id), ToRequest(request.Slo ?? new SloSpec()), cancellationToken) switch
        {
            null => throw NotFound(request.Id),
            ({ } slo, _) => ToMessage(SloView.From(slo)),
            (_, var errors) => throw AlertsGrpcService.Invalid(errors),
        };

    public async Task<DeleteSloResponse> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await commands.DeleteAsync(ParseId(id), cancellationToken) ? new DeleteSloResponse() : throw NotFound(id);

    public async Task<SloBudget> BudgetAsync(GetSloBudgetRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(ParseId(request.Id), cancellationToken) is not { } slo)
        {
            throw NotFound(request.Id);
        }
        var (start, end, step, errors) = BudgetRange.Parse(Text(request.Start), Text(request.End), Text(request.Step), clock.GetUtcNow(), options.Value);
        if (errors.Count > 0)
        {
            throw AlertsGrpcService.Invalid(errors);
        }
        BudgetSeries series;
        try
        {
            series = await budget.SeriesAsync(slo, start, end, step, cancellationToken);
        }
        catch (AnalyticsQueryException ex)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"the analytics service did not answer the budget query: {ex.Message}"));
        }
        var message = new SloBudget
        {
            SloId = series.SloId.ToString(), Name = series.Name, Service = series.Service, Objective = series.Objective, Window = series.Window,
            BurnRateWindow = series.BurnRateWindow, Start = Timestamp.FromDateTimeOffset(series.Start), End = Timestamp.FromDateTimeOffset(series.End), Step = series.Step,
        };
        foreach (var point in series.Points)
        {
            var at = new SloBudgetPoint { Time = Timestamp.FromDateTimeOffset(point.Time) };
            if (point.Remaining is { } remaining)
            {
                at.Remaining = remaining;
            }
            if (point.BurnRate is { } burnRate)
            {
                at.BurnRate = burnRate;
            }
            message.Points.Add(at);
        }
        return message;
    }

    private static SloRequest ToRequest(SloSpec spec) => new(
        Text(spec.Name), Text(spec.Service), spec.HasObjective ? spec.Objective : null, Text(spec.Window),
        spec.Indicator is { } indicator
            ? new SloIndicatorRequest(Text(indicator.Kind), Text(indicator.Good), Text(indicator.Total), Text(indicator.Histogram), indicator.HasThreshold ? indicator.Threshold : null)
            : null,
        Text(spec.Description));

    private static Slo ToMessage(SloView view)
    {
        var indicator = new SloIndicator
        {
            Kind = view.Indicator.Kind ?? "", Good = view.Indicator.Good ?? "", Total = view.Indicator.Total ?? "", Histogram = view.Indicator.Histogram ?? "",
        };
        if (view.Indicator.Threshold is { } threshold)
        {
            indicator.Threshold = threshold;
        }
        var message = new Slo
        {
            Id = view.Id.ToString(), Name = view.Name, Service = view.Service, Objective = view.Objective, Window = view.Window, Indicator = indicator,
            Description = view.Description,
        };
        message.Rules.AddRange(view.Rules.Select(rule => new SloRule { Id = rule.Id.ToString(), Alert = rule.Alert, Severity = rule.Severity, Expr = rule.Expr }));
        return message;
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static Guid ParseId(string id) => Guid.TryParse(id, out var parsed)
        ? parsed
        : throw new RpcException(new Status(StatusCode.InvalidArgument, "id: must be an SLO id (UUID)"));

    private static RpcException NotFound(string id) => new(new Status(StatusCode.NotFound, $"no SLO {id}"));
}
