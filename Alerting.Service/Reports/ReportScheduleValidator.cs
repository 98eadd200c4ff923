using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Reports;

/// <summary>Checks the receivers a schedule names: each must exist and be of a kind that takes reports, once.</summary>
public sealed class ReportScheduleValidator(ReceiverStore receivers)
{
    /// <summary>A report goes to a handful of places; a longer list is a mistake, not a mailing list.</summary>
    public const int MaxReceivers = 20;

    public async Task<(IReadOnlyList<string>? Receivers, Dictionary<string, string[]> Errors)> ValidateAsync(ReportScheduleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Receivers is not { } names)
        {
            errors["receivers"] = ["is required: the names of receivers (webhook, slack, msteams or email); [] sends the report to no one"];
            return (null, errors);
        }
        if (names.Count > MaxReceivers)
        {
            errors["receivers"] = [$"must name at most {MaxReceivers} receivers"];
            return (null, errors);
        }
        var known = (await receivers.ListAsync(cancellationToken)).ToDictionary(r => r.Name, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var field = $"receivers[{i}]";
            if (!known.TryGetValue(names[i] ?? "", out var receiver))
            {
                errors[field] = [$"no receiver is named '{names[i]}'"];
            }
            else if (!ReportPayloads.Takes(receiver.Kind))
            {
                errors[field] = [$"is a {receiver.Kind.ToWire()} receiver; reports go to webhook, slack, msteams or email receivers"];
            }
            else if (names.IndexOf(names[i]) < i)
            {
                errors[field] = ["is named twice"];
            }
        }
        return errors.Count > 0 ? (null, errors) : (names, errors);
    }
}
