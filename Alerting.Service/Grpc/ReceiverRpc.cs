using Grpc.Core;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Routing;
using PerfMonitor.Contracts.V1;
using Receiver = PerfMonitor.Alerting.Receivers.Receiver;

namespace PerfMonitor.Alerting.Grpc;

/// <summary>The receiver and dry-run methods of perfmon.v1.Alerts, through the same commands, stores and checks as REST.</summary>
public sealed class ReceiverRpc(ReceiverStore store, ReceiverCommands commands, RoutingDryRun dryRun)
{
    public async Task<ListReceiversResponse> ListAsync(CancellationToken cancellationToken)
    {
        var response = new ListReceiversResponse();
        response.Receivers.AddRange((await store.ListAsync(cancellationToken)).Select(ToMessage));
        return response;
    }

    public async Task<Contracts.V1.Receiver> CreateAsync(ReceiverSpec spec, CancellationToken cancellationToken)
    {
        var (receiver, errors) = await commands.CreateAsync(ToRequest(spec), cancellationToken);
        return receiver is not null ? ToMessage(receiver)
            : errors.ContainsKey(ReceiverCommands.Taken) ? throw new RpcException(new Status(StatusCode.AlreadyExists, $"a receiver named '{spec.Name}' exists"))
            : throw AlertsGrpcService.Invalid(errors);
    }

    public async Task<Contracts.V1.Receiver> UpdateAsync(ReceiverSpec spec, CancellationToken cancellationToken) =>
        await commands.ReplaceAsync(spec.Name, ToRequest(spec), cancellationToken) switch
        {
            null => throw new RpcException(new Status(StatusCode.NotFound, $"no receiver {spec.Name}")),
            ({ } receiver, _) => ToMessage(receiver),
            (_, var errors) => throw AlertsGrpcService.Invalid(errors),
        };

    public async Task<DeleteReceiverResponse> DeleteAsync(string name, CancellationToken cancellationToken) =>
        await commands.DeleteAsync(name, cancellationToken) switch
        {
            null => throw new RpcException(new Status(StatusCode.NotFound, $"no receiver {name}")),
            [] => new DeleteReceiverResponse(),
            var uses => throw new RpcException(new Status(StatusCode.FailedPrecondition, string.Join("; ", uses))),
        };

    public async Task<DryRunRoutingResponse> DryRunAsync(DryRunRoutingRequest request, CancellationToken cancellationToken)
    {
        var labels = request.Labels.ToDictionary();
        if (RoutingDryRun.Check(labels) is var (field, reason))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {reason}"));
        }
        var result = await dryRun.RunAsync(labels, cancellationToken);
        var response = new DryRunRoutingResponse();
        response.Receivers.AddRange(result.Receivers);
        foreach (var route in result.Routes)
        {
            var message = new Contracts.V1.DryRunRoute
            {
                Receiver = route.Receiver, Route = route.Route, GroupWait = route.GroupWait, GroupInterval = route.GroupInterval,
                RepeatInterval = route.RepeatInterval, MutedNow = route.MutedNow,
            };
            message.GroupBy.AddRange(route.GroupBy);
            message.GroupLabels.Add(route.GroupLabels.ToDictionary());
            response.Routes.Add(message);
        }
        return response;
    }

    private static ReceiverRequest ToRequest(ReceiverSpec spec) => new(
        spec.Name, spec.Kind.Length == 0 ? null : spec.Kind, spec.Url, spec.HasSecret ? spec.Secret : null,
        spec.Email is { } e ? new EmailRequest([.. e.To], e.From, e.Smarthost, e.Username, e.RequireTls) : null,
        spec.HasSendResolved ? spec.SendResolved : null,
        spec.Templates is { } t ? new Receivers.ReceiverTemplates(Empty(t.Title), Empty(t.Body)) : null);

    private static string? Empty(string text) => text.Length == 0 ? null : text;

    private static Contracts.V1.Receiver ToMessage(Receiver receiver)
    {
        var view = ReceiverView.From(receiver);
        var message = new Contracts.V1.Receiver { Name = view.Name, Kind = view.Kind, Target = view.Target, HasSecret = view.HasSecret, SendResolved = view.SendResolved };
        if (view.Email is { } email)
        {
            message.Email = new ReceiverEmail { From = email.From ?? "", Smarthost = email.Smarthost ?? "", Username = email.Username ?? "", RequireTls = email.RequireTls ?? false };
            message.Email.To.AddRange(email.To ?? []);
        }
        if (view.Templates is { } templates)
        {
            message.Templates = new Contracts.V1.ReceiverTemplates { Title = templates.Title ?? "", Body = templates.Body ?? "" };
        }
        return message;
    }
}
