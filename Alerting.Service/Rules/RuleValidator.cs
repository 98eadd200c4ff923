using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Rules;

/// <summary>Checks a rule request field by field; every refusal names its field.</summary>
public sealed class RuleValidator(IOptions<AlertingOptions> options)
{
    private static readonly string[] Kinds = ["threshold"];
    private static readonly string[] Aggregations = ["avg", "min", "max", "sum", "count"];
    private static readonly string[] Conditions = ["greater_than", "less_than", "equals", "not_equals", "greater_or_equal", "less_or_equal"];
    private static readonly string[] Severities = ["info", "warning", "error", "critical"];
    private static readonly string[] Formats = ["json"];

    public (AlertRule? Rule, Dictionary<string, string[]> Errors) Validate(Guid id, AlertRuleRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string reason) => errors[field] = [reason];
        string OneOf(string field, string? value, string[] allowed, string? fallback)
        {
            var chosen = value ?? fallback;
            if (chosen is null || !allowed.Contains(chosen))
            {
                Fail(field, $"must be one of {string.Join(", ", allowed)}");
            }
            return chosen ?? "";
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Fail("name", "is required");
        }
        var kind = OneOf("kind", request.Kind, Kinds, "threshold");
        if (string.IsNullOrWhiteSpace(request.Metric))
        {
            Fail("metric", "is required");
        }
        var aggregation = OneOf("aggregation", request.Aggregation, Aggregations, "avg");
        var condition = OneOf("condition", request.Condition, Conditions, null);
        var severity = OneOf("severity", request.Severity, Severities, "warning");
        var format = OneOf("format", request.Format, Formats, "json");
        if (!Duration.TryParse(request.Window ?? "1m", out var window) || window <= TimeSpan.Zero)
        {
            Fail("window", "must be a positive duration such as 30s, 5m or 1h");
        }
        if (!Duration.TryParse(request.For ?? "0s", out var pending))
        {
            Fail("for", "must be a duration such as 0s, 30s or 5m");
        }
        if (request.Threshold is not { } threshold || !double.IsFinite(threshold))
        {
            Fail("threshold", "is required and must be a finite number");
            threshold = 0;
        }
        if (request.CooldownMinutes is < 0)
        {
            Fail("cooldownMinutes", "must not be negative");
        }
        var webhookError = CheckWebhook(request.WebhookUrl);
        if (webhookError is not null)
        {
            Fail("webhookUrl", webhookError);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new AlertRule(id, request.Name!.Trim(), kind, request.Metric!, request.Labels ?? [], aggregation, window, condition, threshold,
            pending, severity, request.CooldownMinutes ?? 0, request.WebhookUrl!, format, request.Enabled ?? true), errors);
    }

    private string? CheckWebhook(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }
        if (options.Value.AllowPrivateWebhookTargets)
        {
            return null;
        }
        if (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsPrivate(address)))
        {
            return "points at a loopback or private address, which is refused unless Alerting:AllowPrivateWebhookTargets is set";
        }
        return null;
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || IPAddress.IsLoopback(address);
        }
        var bytes = address.GetAddressBytes();
        return bytes[0] switch
        {
            10 or 127 or 0 => true,
            172 => bytes[1] is >= 16 and <= 31,
            192 => bytes[1] == 168,
            169 => bytes[1] == 254,
            100 => bytes[1] is >= 64 and <= 127,
            _ => false,
        };
    }
}
