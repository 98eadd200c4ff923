using System.Text.Json;
using Json.Schema;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Acknowledgement;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>
/// Group notifications for PagerDuty and Slack validated against the published shapes of those APIs (the schema files in
/// Receivers/Schemas name their sources), as sent: the PagerDuty routing key added, a large group within Slack's limits.
/// </summary>
public sealed class ReceiverPayloadSchemaTests
{
    private const string RoutingKey = "R0UTINGKEY0123456789abcdefABCDEF";
    private static readonly DateTimeOffset StartsAt = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly GroupPayloads payloads = new(Options.Create(new PayloadOptions()));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 2)]
    [InlineData(0, 2)]
    public void A_pagerduty_event_matches_the_events_api_v2_schema(int firing, int resolved)
    {
        var receiver = new Receiver("pd", ReceiverKind.PagerDuty, Receiver.PagerDutyEventsUrl, RoutingKey, null, true);

        var sent = ReceiverRequests.Prepare(payloads.Render(Notice(firing, resolved), receiver), receiver);

        AssertValid("pagerduty-events-v2.json", sent.Body);
        Assert.Equal(firing > 0 ? "trigger" : "resolve", JsonDocument.Parse(sent.Body).RootElement.GetProperty("event_action").GetString());
        Assert.Equal(Receiver.PagerDutyEventsUrl, sent.Url);
    }

    [Fact]
    public void A_pagerduty_event_without_its_routing_key_is_refused_by_the_schema()
    {
        var receiver = new Receiver("pd", ReceiverKind.PagerDuty, Receiver.PagerDutyEventsUrl, RoutingKey, null, true);

        var stored = payloads.Render(Notice(1, 0), receiver);

        Assert.False(Evaluate("pagerduty-events-v2.json", stored.Body).IsValid);
        Assert.DoesNotContain(RoutingKey, stored.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(45, 10)]
    public void A_slack_message_matches_slacks_block_kit_limits(int firing, int resolved)
    {
        var receiver = new Receiver("slack", ReceiverKind.Slack, "", "https://hooks.slack.com/services/T0/B0/secret", null, true);

        var sent = ReceiverRequests.Prepare(payloads.Render(Notice(firing, resolved), receiver), receiver);

        AssertValid("slack-incoming-webhook.json", sent.Body);
        Assert.Equal("https://hooks.slack.com/services/T0/B0/secret", sent.Url);
        Assert.Equal("https://hooks.slack.com", payloads.Render(Notice(firing, resolved), receiver).Url);
    }

    [Theory]
    [InlineData(1, 0, TemplatedNotices.Title, TemplatedNotices.Body)]
    [InlineData(3, 2, "{{ alerts[0].labels.instance }}", "{{ alerts[0].labels.instance }}")]
    [InlineData(0, 2, "{% for i in (1..2000) %}long title {% endfor %}", "{% for alert in alerts %}{{ alert.summary }} {{ alert.explorer_url }}\n{% endfor %}")]
    public void A_templated_pagerduty_event_matches_the_events_api_v2_schema(int firing, int resolved, string title, string body)
    {
        var receiver = TemplatedNotices.TemplatedReceiver(ReceiverKind.PagerDuty, title, body);

        var sent = ReceiverRequests.Prepare(TemplatedNotices.Payloads().Render(TemplatedNotices.Notice(firing, resolved, TemplatedNotices.Hostile), receiver), receiver);

        AssertValid("pagerduty-events-v2.json", sent.Body);
    }

    [Theory]
    [InlineData(1, 0, TemplatedNotices.Title, TemplatedNotices.Body)]
    [InlineData(2, 1, "{{ alerts[0].labels.instance }}", "{{ alerts[0].labels.instance }}")]
    [InlineData(45, 10, "{% for i in (1..2000) %}long title {% endfor %}", "{% for alert in alerts %}{{ alert.summary }} {{ alert.explorer_url }}\n{% endfor %}")]
    public void A_templated_slack_message_matches_slacks_block_kit_limits(int firing, int resolved, string title, string body)
    {
        var receiver = TemplatedNotices.TemplatedReceiver(ReceiverKind.Slack, title, body);

        var sent = ReceiverRequests.Prepare(TemplatedNotices.Payloads().Render(TemplatedNotices.Notice(firing, resolved, TemplatedNotices.Hostile), receiver), receiver);

        AssertValid("slack-incoming-webhook.json", sent.Body);
    }

    [Theory]
    [InlineData(ReceiverKind.PagerDuty, "pagerduty-events-v2.json")]
    [InlineData(ReceiverKind.Slack, "slack-incoming-webhook.json")]
    public void A_notification_with_acknowledge_links_still_matches_the_published_schema(ReceiverKind kind, string schema)
    {
        var links = new AcknowledgeLinks(new EphemeralDataProtectionProvider(), Options.Create(new AcknowledgeOptions { PublicBaseUrl = "https://perfmon.example.com" }), TimeProvider.System);
        var receiver = kind == ReceiverKind.Slack
            ? new Receiver("slack", ReceiverKind.Slack, "", "https://hooks.slack.com/services/T0/B0/secret", null, true)
            : new Receiver("pd", ReceiverKind.PagerDuty, Receiver.PagerDutyEventsUrl, RoutingKey, null, true);

        var sent = ReceiverRequests.Prepare(new GroupPayloads(Options.Create(new PayloadOptions()), null, links).Render(Notice(45, 10), receiver), receiver);

        AssertValid(schema, sent.Body);
        Assert.Contains("https://perfmon.example.com/ack/", sent.Body, StringComparison.Ordinal);
    }

    private static GroupNotice Notice(int firing, int resolved)
    {
        GroupMember Member(int i, bool isResolved) => new(
            $"fp{i:D4}", Guid.NewGuid(), i,
            new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = "critical", ["service"] = "checkout", ["instance"] = $"pod-{i}" },
            new Dictionary<string, string> { ["summary"] = $"HighLatency: p95 latency_ms = {500 + i}" }, 500 + i, StartsAt.AddSeconds(i), isResolved ? StartsAt.AddMinutes(5) : null, "http://localhost:5100/api/v1/alerts");
        return new GroupNotice(
            "team:{}:{service=\"checkout\"}", "team", new Dictionary<string, string> { ["service"] = "checkout" },
            [.. Enumerable.Range(0, firing).Select(i => Member(i, false))], [.. Enumerable.Range(firing, resolved).Select(i => Member(i, true))]);
    }

    private static void AssertValid(string schema, string body)
    {
        var result = Evaluate(schema, body);
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    private static EvaluationResults Evaluate(string schema, string body) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Receivers", "Schemas", schema)))
            .Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
}
