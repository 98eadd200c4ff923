using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Notify;

/// <summary>
/// Renders an alert event in the rule's format: our versioned JSON, Slack-compatible, Alertmanager's webhook (version 4),
/// or the postable alerts Alertmanager's own API takes (<c>alertmanager_api</c>, sent to its /api/v2/alerts).
/// </summary>
public sealed class PayloadBuilder(IOptions<PayloadOptions> options)
{
    public const string AlertmanagerApiPath = "/api/v2/alerts";

    private static readonly DateTimeOffset ZeroTime = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public (string Url, string Body) Build(AlertRule rule, AlertEvent alert, Guid notificationId)
    {
        JsonNode body = rule.Format switch
        {
            PayloadFormat.Slack => Slack(rule, alert),
            PayloadFormat.Alertmanager => AlertmanagerWebhook(rule, alert),
            PayloadFormat.AlertmanagerApi => new JsonArray(PostableAlert(rule, alert)),
            _ => Versioned(rule, alert, notificationId),
        };
        return (DestinationOf(rule), body.ToJsonString());
    }

    public static string DestinationOf(AlertRule rule)
    {
        if (rule.Format != PayloadFormat.AlertmanagerApi || rule.WebhookUrl.TrimEnd('/').EndsWith(AlertmanagerApiPath, StringComparison.Ordinal))
        {
            return rule.WebhookUrl;
        }
        return rule.WebhookUrl.TrimEnd('/') + AlertmanagerApiPath;
    }

    /// <summary>A stable 16-hex-digit id of the alert instance, as Alertmanager shows fingerprints.</summary>
    public static string Fingerprint(Guid ruleId, long seriesId)
    {
        Span<byte> bytes = stackalloc byte[24];
        ruleId.TryWriteBytes(bytes);
        BitConverter.TryWriteBytes(bytes[16..], seriesId);
        return XxHash64.HashToUInt64(bytes).ToString("x16", CultureInfo.InvariantCulture);
    }

    private JsonObject Versioned(AlertRule rule, AlertEvent alert, Guid notificationId) => new()
    {
        ["version"] = "1",
        ["notificationId"] = notificationId,
        ["event"] = alert.Event.ToWire(),
        ["ruleId"] = rule.Id,
        ["ruleName"] = rule.Name,
        ["kind"] = rule.Kind.ToWire(),
        ["state"] = alert.Status.ToWire(),
        ["severity"] = rule.Severity.ToWire(),
        ["metric"] = rule.Metric,
        ["labels"] = Labels(alert.Labels),
        ["value"] = alert.Value,
        ["aggregation"] = rule.Aggregation.ToWire(),
        ["condition"] = rule.Condition.ToWire(),
        ["threshold"] = rule.Threshold,
        ["activeAt"] = alert.ActiveAt,
        ["firedAt"] = alert.FiredAt,
        ["resolvedAt"] = alert.ResolvedAt,
        ["fingerprint"] = Fingerprint(rule.Id, alert.SeriesId),
        ["url"] = GeneratorUrl(rule),
        ["expr"] = rule.Expr,
        ["annotations"] = Labels(rule.Annotations.Select(a => KeyValuePair.Create(a.Key, AnnotationTemplate.Expand(a.Value, alert.Labels, alert.Value)))),
    };

    private JsonObject Slack(AlertRule rule, AlertEvent alert)
    {
        var title = $"[{alert.Status.ToWire().ToUpperInvariant()}{(alert.Event == AlertEventKind.Test ? " TEST" : "")}] {rule.Name}";
        var detail = $"*Severity:* {rule.Severity.ToWire()}\n*Value:* {Number(alert.Value)} ({Condition(rule, "`", ", ")})";
        var labels = alert.Labels.Count == 0 ? "no labels" : string.Join(", ", alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"`{l.Key}={l.Value}`"));
        return new JsonObject
        {
            ["text"] = $"{title}: {Subject(rule)} = {Number(alert.Value)}",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = title } },
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = detail } },
                new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = labels }) }),
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["color"] = alert.Status == AlertEventKind.Resolved ? "#2EB67D" : rule.Severity is Severity.Critical or Severity.Error ? "#E01E5A" : "#ECB22E",
                ["fallback"] = $"{title}: {Subject(rule)} = {Number(alert.Value)}",
                ["title_link"] = GeneratorUrl(rule),
            }),
        };
    }

    private JsonObject AlertmanagerWebhook(AlertRule rule, AlertEvent alert)
    {
        var labels = AlertLabels(rule, alert);
        var annotations = Annotations(rule, alert);
        var webhookAlert = PostableAlert(rule, alert);
        webhookAlert["status"] = alert.Status.ToWire();
        webhookAlert["endsAt"] = alert.Status == AlertEventKind.Resolved ? alert.ResolvedAt ?? DateTimeOffset.UtcNow : ZeroTime;
        webhookAlert["fingerprint"] = Fingerprint(rule.Id, alert.SeriesId);
        return new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{alertname=\"{rule.Name}\"}}",
            ["truncatedAlerts"] = 0,
            ["status"] = alert.Status.ToWire(),
            ["receiver"] = "perfmon",
            ["groupLabels"] = new JsonObject { ["alertname"] = rule.Name },
            ["commonLabels"] = Labels(labels),
            ["commonAnnotations"] = Labels(annotations),
            ["externalURL"] = options.Value.ExternalUrl,
            ["alerts"] = new JsonArray(webhookAlert),
        };
    }

    /// <summary>One alert as Alertmanager's API v2 accepts it (postableAlert): endsAt set only once resolved.</summary>
    private JsonObject PostableAlert(AlertRule rule, AlertEvent alert)
    {
        var posted = new JsonObject
        {
            ["labels"] = Labels(AlertLabels(rule, alert)),
            ["annotations"] = Labels(Annotations(rule, alert)),
            ["startsAt"] = alert.FiredAt ?? alert.ActiveAt ?? DateTimeOffset.UtcNow,
            ["generatorURL"] = GeneratorUrl(rule),
        };
        if (alert.Status == AlertEventKind.Resolved)
        {
            posted["endsAt"] = alert.ResolvedAt ?? DateTimeOffset.UtcNow;
        }
        return posted;
    }

    /// <summary>The labels receivers see: the series' plus alertname, severity, the rule's id and (threshold, absence) the metric.</summary>
    public static Dictionary<string, string> AlertLabels(AlertRule rule, AlertEvent alert)
    {
        var labels = new Dictionary<string, string>(alert.Labels, StringComparer.Ordinal)
        {
            ["alertname"] = rule.Name,
            ["severity"] = rule.Severity.ToWire(),
            ["perfmon_rule_id"] = rule.Id.ToString(),
        };
        if (rule.Kind is RuleKind.Threshold or RuleKind.Absence && !labels.ContainsKey("metric"))
        {
            labels["metric"] = rule.Metric;
        }
        return labels;
    }

    /// <summary>Ours (summary, description, value), then the rule's own, which win, with their templates filled in.</summary>
    public static Dictionary<string, string> Annotations(AlertRule rule, AlertEvent alert)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = alert.Event == AlertEventKind.Test ? $"Test notification for rule {rule.Name}" : $"{rule.Name}: {Subject(rule)} = {Number(alert.Value)}",
            ["description"] = $"{rule.Kind.ToWire()} rule: {Condition(rule, "", " ")}",
            ["value"] = Number(alert.Value),
        };
        foreach (var (name, template) in rule.Annotations)
        {
            annotations[name] = AnnotationTemplate.Expand(template, alert.Labels, alert.Value);
        }
        return annotations;
    }

    /// <summary>What the value is of: the expression of an expr rule, else the metric.</summary>
    private static string Subject(AlertRule rule) => rule.Kind == RuleKind.Expr ? rule.Expr ?? "" : rule.Metric;

    /// <summary>When the rule fires, in words: "p95 of `latency_ms` over 5m, greater than 500", or an expr rule's expression.</summary>
    private static string Condition(AlertRule rule, string quote, string separator) => rule.Kind == RuleKind.Expr
        ? $"{quote}{rule.Expr}{quote} for {Duration.Format(rule.For)}"
        : $"{Measure(rule, quote)} over {Duration.Format(rule.Window)}{separator}{Spoken(rule.Condition)} {Number(rule.Threshold)}";

    /// <summary>What the value measures, the metric inside <paramref name="quote"/>: "p95 of latency_ms", "% of m samples with status=~"5.." by service".</summary>
    private static string Measure(AlertRule rule, string quote)
    {
        var measure = rule.Aggregation == RuleAggregation.Ratio
            ? $"% of {quote}{rule.Metric}{quote} samples with {string.Join(", ", rule.Numerator)}"
            : $"{rule.Aggregation.ToWire()} of {quote}{rule.Metric}{quote}";
        return rule.IsGrouped ? $"{measure} by {string.Join(", ", rule.GroupBy)}" : measure;
    }

    public string GeneratorUrl(AlertRule rule) => $"{options.Value.ExternalUrl.TrimEnd('/')}/api/v1/alerts?ruleId={rule.Id}";

    private static JsonObject Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var node = new JsonObject();
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            node[name] = value;
        }
        return node;
    }

    /// <summary>The condition as words: "greater than", "not equals".</summary>
    private static string Spoken(RuleCondition condition) => condition.ToWire().Replace('_', ' ');

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
