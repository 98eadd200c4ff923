using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>Checks an SLO request field by field; every refusal names its field (<c>indicator.good</c>, ...).</summary>
public sealed class SloValidator(SloStore store, IOptions<SloOptions> options)
{
    private const double MinObjective = 0;
    private const double MaxObjective = 100;
    private const int MaxLabelValueLength = 256;

    public async Task<(Slo? Slo, Dictionary<string, string[]> Errors)> ValidateAsync(Guid id, SloRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string reason) => errors[field] = [reason];

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Fail("name", "is required");
        }
        else if (request.Name.Length > MaxLabelValueLength)
        {
            Fail("name", "must be at most 256 characters: it is the value of the slo label on every alert");
        }
        else if (await store.NameTakenAsync(request.Name, id, cancellationToken))
        {
            Fail("name", $"another SLO is already named {request.Name}");
        }
        if (string.IsNullOrWhiteSpace(request.Service))
        {
            Fail("service", "is required: the service label of the SLO's alerts");
        }
        if (request.Objective is not { } objective || !double.IsFinite(objective) || objective <= MinObjective || objective >= MaxObjective)
        {
            Fail("objective", "is required: a percentage between 0 and 100, exclusive, such as 99.9");
        }
        var window = options.Value.DefaultWindow;
        if (request.Window is not null && (!Duration.TryParse(request.Window, out window) || window < BurnRateAlert.Workbook.Max(a => a.Windows.Max(w => w.Long))))
        {
            Fail("window", "must be a duration such as 30d or 4w, at least as long as the longest alert window (3d)");
        }
        var indicator = Indicator(request.Indicator, Fail);
        return errors.Count > 0
            ? (null, errors)
            : (new Slo(id, request.Name!.Trim(), request.Service!.Trim(), request.Objective!.Value, window, indicator!, request.Description ?? ""), errors);
    }

    private static SloIndicator? Indicator(SloIndicatorRequest? request, Action<string, string> fail)
    {
        if (request is null)
        {
            fail("indicator", "is required: {\"kind\":\"ratio\",\"good\":...,\"total\":...} or {\"kind\":\"latency\",\"histogram\":...,\"threshold\":...}");
            return null;
        }
        if (!WireName<SloIndicatorKind>.TryParse(request.Kind, out var kind))
        {
            fail("indicator.kind", $"must be one of {string.Join(", ", WireName<SloIndicatorKind>.All)}");
            return null;
        }
        var failed = false;
        void Check(string field, string? selector, bool needsName)
        {
            if (SloSelectors.Check(selector, needsName) is { } reason)
            {
                fail(field, reason);
                failed = true;
            }
        }
        if (kind == SloIndicatorKind.Ratio)
        {
            Check("indicator.good", request.Good, needsName: false);
            Check("indicator.total", request.Total, needsName: false);
            return failed ? null : SloIndicator.Ratio(request.Good!.Trim(), request.Total!.Trim());
        }
        Check("indicator.histogram", request.Histogram, needsName: true);
        if (request.Threshold is not { } threshold || !double.IsFinite(threshold) || threshold <= 0)
        {
            fail("indicator.threshold", "is required: a positive number, the le bound of the good bucket in the histogram's unit (e.g. 0.25 for 250 ms in seconds)");
            failed = true;
        }
        return failed ? null : SloIndicator.Latency(request.Histogram!.Trim(), request.Threshold!.Value);
    }
}
