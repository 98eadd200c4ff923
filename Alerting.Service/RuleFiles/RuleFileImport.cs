using System.Security.Cryptography;
using System.Text;
using PerfMonitor.Alerting.Rules;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PerfMonitor.Alerting.RuleFiles;

/// <summary>
/// Imports a Prometheus rule file: each alerting rule becomes an expr rule (alert -> name, expr, for, keep_firing_for,
/// labels, annotations; a <c>severity</c> label PerfMonitor knows sets the severity). All of the file or none of it: every
/// rule is validated as the rules API validates one, and a refusal names the rule's place in the file
/// (<c>groups[0].rules[2].expr</c>). A rule's id comes from its group and alert name, so importing the file again replaces
/// the rules it made, keeping what a rule file cannot say (webhook, format, secret, enabled, cooldown, repeat interval).
/// Recording rules are not alerts and are listed as skipped.
/// </summary>
public sealed class RuleFileImport(RuleValidator validator, RuleStore store, RuleCache cache)
{
    public const string FileField = "file";

    private static readonly IDeserializer Reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public async Task<(RuleFileImportResult? Result, Dictionary<string, string[]> Errors)> ImportAsync(string yaml, bool admin, CancellationToken cancellationToken)
    {
        if (Read(yaml) is not { } file)
        {
            return (null, new() { [FileField] = [ReadError(yaml)] });
        }
        var errors = new Dictionary<string, string[]>();
        var rules = new List<AlertRule>();
        var skipped = new List<string>();
        for (var g = 0; g < file.Groups.Count; g++)
        {
            var group = file.Groups[g];
            if (string.IsNullOrWhiteSpace(group.Name))
            {
                errors[$"groups[{g}].name"] = ["is required"];
            }
            for (var r = 0; r < group.Rules.Count; r++)
            {
                var entry = group.Rules[r];
                var place = $"groups[{g}].rules[{r}]";
                if (string.IsNullOrEmpty(entry.Alert) == string.IsNullOrEmpty(entry.Record))
                {
                    errors[place] = ["must have one of alert or record"];
                    continue;
                }
                if (entry.Record is { Length: > 0 } record)
                {
                    skipped.Add(record);
                    continue;
                }
                var (rule, ruleErrors) = await validator.ValidateAsync(IdOf(group.Name, entry.Alert!, rules), Request(entry), cancellationToken);
                foreach (var (field, reasons) in ruleErrors)
                {
                    errors[$"{place}.{FileName(field)}"] = reasons;
                }
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var saved = new List<AlertRuleView>();
        foreach (var rule in rules)
        {
            var kept = await KeepDeliveryAsync(rule, cancellationToken);
            await store.SaveAsync(kept, cancellationToken);
            saved.Add(AlertRuleView.From(kept, admin));
        }
        await cache.RefreshAsync(cancellationToken);
        return (new RuleFileImportResult(saved, skipped), errors);
    }

    private static PrometheusRuleFile? Read(string yaml)
    {
        try
        {
            return Reader.Deserialize<PrometheusRuleFile?>(yaml) ?? new PrometheusRuleFile();
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>Why the file is not a rule file, with the line and column YamlDotNet stopped at.</summary>
    private static string ReadError(string yaml)
    {
        try
        {
            Reader.Deserialize<PrometheusRuleFile?>(yaml);
            return "is not a rule file";
        }
        catch (YamlException ex)
        {
            return $"line {ex.Start.Line}, column {ex.Start.Column}: {(ex.InnerException ?? ex).Message}";
        }
    }

    private static AlertRuleRequest Request(PrometheusRule entry) => new(
        Name: entry.Alert, Kind: WireName<RuleKind>.Of(RuleKind.Expr), Metric: null, Labels: entry.Labels, Aggregation: null, Window: null,
        Condition: null, Threshold: null, For: entry.For, Severity: SeverityOf(entry.Labels), CooldownMinutes: null, WebhookUrl: null, Format: null,
        Enabled: null, KeepFiringFor: entry.KeepFiringFor, Expr: entry.Expr, Annotations: entry.Annotations);

    /// <summary>A severity label PerfMonitor knows (critical, warning, ...) sets the rule's; any other stays a label only.</summary>
    private static string? SeverityOf(Dictionary<string, string> labels) =>
        labels.TryGetValue("severity", out var value) && WireName<Severity>.TryParse(value, out _) ? value : null;

    /// <summary>The same alert name twice in a group is two rules: the occurrence is part of the id.</summary>
    private static Guid IdOf(string group, string alert, List<AlertRule> earlier)
    {
        var occurrence = earlier.Count(r => r.Name == alert);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"prometheus-rule-file\n{group}\n{alert}\n{occurrence}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private async Task<AlertRule> KeepDeliveryAsync(AlertRule rule, CancellationToken cancellationToken) =>
        await store.GetAsync(rule.Id, cancellationToken) is { } existing
            ? rule with
            {
                WebhookUrl = existing.WebhookUrl,
                Format = existing.Format,
                Secret = existing.Secret,
                Enabled = existing.Enabled,
                CooldownMinutes = existing.CooldownMinutes,
                RepeatInterval = existing.RepeatInterval,
            }
            : rule;

    /// <summary>The rules API's field names as a rule file spells them.</summary>
    private static string FileName(string field) => field switch
    {
        "name" => "alert",
        "keepFiringFor" => "keep_firing_for",
        _ => field,
    };
}
