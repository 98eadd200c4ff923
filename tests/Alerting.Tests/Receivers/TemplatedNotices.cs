using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Receivers.Templates;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>Group notices and templated receivers for the template tests: the payloads as the group round renders them.</summary>
public static class TemplatedNotices
{
    public const string Hostile = "\"},\"injected\":true,{\"</script><script>alert(1)</script>\r\nBcc: victim@example.com\n<b>&amp;";
    public const string Title = "{{ status | upcase }}: {{ common_labels.alertname }} on {{ common_labels.service }} ({{ alerts.size }})";
    public const string Body = "{% for alert in alerts %}{{ alert.status }} {{ alert.labels.instance }} value={{ alert.value }} runbook={{ alert.runbook_url }} explore={{ alert.explorer_url }}\n{% endfor %}";

    public static readonly DateTimeOffset StartsAt = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static GroupPayloads Payloads(NotificationTemplateOptions? options = null)
    {
        var templateOptions = Options.Create(options ?? new NotificationTemplateOptions());
        var templated = new TemplatedPayloads(new TemplateEngine(templateOptions), templateOptions, TimeProvider.System, NullLogger<TemplatedPayloads>.Instance);
        return new GroupPayloads(Options.Create(new PayloadOptions()), templated);
    }

    public static Receiver TemplatedReceiver(ReceiverKind kind, string? title = Title, string? body = Body)
    {
        var email = kind == ReceiverKind.Email ? new EmailSettings(["oncall@example.com"], "perfmon@example.com", "127.0.0.1:25", null, false) : null;
        var secret = kind switch
        {
            ReceiverKind.Slack => "https://hooks.slack.com/services/T0/B0/secret",
            ReceiverKind.MsTeams => "https://example.webhook.office.com/webhookb2/x",
            ReceiverKind.PagerDuty => "R0UTINGKEY0123456789abcdefABCDEF",
            _ => null,
        };
        var url = kind switch { ReceiverKind.PagerDuty => Receiver.PagerDutyEventsUrl, ReceiverKind.Webhook => "https://hooks.example.com/alerts", _ => "" };
        return new Receiver("team", kind, url, secret, email, true) { Templates = new ReceiverTemplates(title, body) };
    }

    public static GroupNotice Notice(int firing, int resolved, string instance = "pod")
    {
        GroupMember Member(int i, bool isResolved) => new(
            $"fp{i:D4}", Guid.NewGuid(), i,
            new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = "critical", ["service"] = "checkout", ["instance"] = instance == "pod" ? $"pod-{i}" : instance, ["metric"] = "latency_ms" },
            new Dictionary<string, string> { ["summary"] = $"HighLatency: p95 latency_ms = {500 + i}", ["runbook_url"] = "https://runbooks.example/latency" },
            500 + i, StartsAt.AddSeconds(i), isResolved ? StartsAt.AddMinutes(5) : null, "http://localhost:5100/api/v1/alerts");
        return new GroupNotice(
            "team:{}:{service=\"checkout\"}", "team", new Dictionary<string, string> { ["service"] = "checkout" },
            [.. Enumerable.Range(0, firing).Select(i => Member(i, false))], [.. Enumerable.Range(firing, resolved).Select(i => Member(i, true))]);
    }
}
