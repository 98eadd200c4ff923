using System.Security.Cryptography;
using System.Text;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// The expr rules an SLO owns, one per <see cref="BurnRateAlert"/>, labelled with the SLO and its service so routes and
/// silences can match them. Their ids follow from the SLO's, so every replica writes the same rows.
/// </summary>
public static class SloRuleGenerator
{
    public const string SloLabel = "slo";
    public const string ServiceLabel = "service";
    public const string ActionLabel = "slo_action";

    public static IReadOnlyList<(BurnRateAlert Alert, Guid RuleId, AlertRuleRequest Request)> Rules(Slo slo) =>
        [.. BurnRateAlert.Workbook.Select(alert => (alert, RuleId(slo.Id, alert), Request(slo, alert)))];

    public static AlertRuleRequest Request(Slo slo, BurnRateAlert alert) => new(
        Name: $"SLO {slo.Name}: error budget burn ({alert.Name})",
        Kind: WireName<RuleKind>.Of(RuleKind.Expr),
        Metric: null, Labels: new Dictionary<string, string>
        {
            [SloLabel] = slo.Name,
            [ServiceLabel] = slo.Service,
            [ActionLabel] = alert.Action,
        },
        Aggregation: null, Window: null, Condition: null, Threshold: null, For: "0s",
        Severity: WireName<Severity>.Of(alert.Severity), CooldownMinutes: 0, WebhookUrl: "", Format: null, Enabled: true,
        Expr: SloExpressions.Alert(slo, alert),
        Annotations: new Dictionary<string, string>
        {
            ["summary"] = $"SLO {slo.Name} of {slo.Service} burns its error budget {{{{ $value }}}} times as fast as it can last {SloDuration.Format(slo.Window)}",
            ["description"] = Describe(slo, alert),
        });

    /// <summary>A stable id per SLO and alert: the first 16 bytes of SHA-256 over both.</summary>
    public static Guid RuleId(Guid sloId, BurnRateAlert alert) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{sloId:N}/{alert.Name}"))[..16]);

    private static string Describe(Slo slo, BurnRateAlert alert) =>
        $"Objective {SloExpressions.Number(slo.Objective)}% over {SloDuration.Format(slo.Window)}; fires when the burn rate exceeds " +
        string.Join(" or ", alert.Windows.Select(w => $"{SloExpressions.Number(w.Factor)} over both {SloDuration.Format(w.Long)} and {SloDuration.Format(w.Short)}")) +
        $" ({alert.Action}).";
}
