using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Notify;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

/// <summary>
/// The Alertmanager webhook payload read the way Alertmanager's Go types define it (notify/webhook Message embedding
/// template.Data): every field present with its JSON type, nothing extra, times as RFC 3339, label names valid.
/// </summary>
public sealed partial class PayloadSchemaTests
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly DateTimeOffset FiredAt = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private sealed record Message(
        [property: JsonPropertyName("version")] string Version,
        [property: JsonPropertyName("groupKey")] string GroupKey,
        [property: JsonPropertyName("truncatedAlerts")] ulong TruncatedAlerts,
        [property: JsonPropertyName("receiver")] string Receiver,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("alerts")] List<Alert> Alerts,
        [property: JsonPropertyName("groupLabels")] Dictionary<string, string> GroupLabels,
        [property: JsonPropertyName("commonLabels")] Dictionary<string, string> CommonLabels,
        [property: JsonPropertyName("commonAnnotations")] Dictionary<string, string> CommonAnnotations,
        [property: JsonPropertyName("externalURL")] string ExternalUrl);

    private sealed record Alert(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("labels")] Dictionary<string, string> Labels,
        [property: JsonPropertyName("annotations")] Dictionary<string, string> Annotations,
        [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
        [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
        [property: JsonPropertyName("generatorURL")] string GeneratorUrl,
        [property: JsonPropertyName("fingerprint")] string Fingerprint);

    [Theory]
    [InlineData("firing")]
    [InlineData("resolved")]
    public void The_alertmanager_payload_parses_as_alertmanagers_webhook_message(string state)
    {
        var rule = Rule("alertmanager");
        var resolvedAt = state == "resolved" ? FiredAt.AddMinutes(3) : (DateTimeOffset?)null;
        var (_, body) = Builder().Build(rule, new AlertEvent(WireName<AlertEventKind>.Parse(state), 42, new Dictionary<string, string> { ["host"] = "db-1" }, 97.5, FiredAt, FiredAt, resolvedAt), Guid.NewGuid());

        var message = JsonSerializer.Deserialize<Message>(body, Strict)!;

        Assert.Equal("4", message.Version);
        Assert.Equal(state, message.Status);
        Assert.Equal(rule.Name, message.GroupLabels["alertname"]);
        Assert.Equal(rule.Name, message.CommonLabels["alertname"]);
        Assert.Equal("https://perfmon.example.com", message.ExternalUrl);
        var alert = Assert.Single(message.Alerts);
        Assert.Equal(state, alert.Status);
        Assert.Equal("db-1", alert.Labels["host"]);
        Assert.Equal(FiredAt, alert.StartsAt);
        Assert.Equal(resolvedAt ?? DateTimeOffset.MinValue, alert.EndsAt);
        Assert.Matches("^[0-9a-f]{16}$", alert.Fingerprint);
        Assert.True(Uri.IsWellFormedUriString(alert.GeneratorUrl, UriKind.Absolute));
        Assert.All(alert.Labels.Keys.Concat(alert.Annotations.Keys), name => Assert.Matches(LabelName(), name));
    }

    [Fact]
    public void The_alertmanager_api_payload_is_a_list_of_postable_alerts_sent_to_api_v2_alerts()
    {
        var (url, body) = Builder().Build(Rule("alertmanager_api"), new AlertEvent(AlertEventKind.Firing, 42, new Dictionary<string, string>(), 97.5, FiredAt, FiredAt, null), Guid.NewGuid());

        var alerts = JsonDocument.Parse(body).RootElement;

        Assert.Equal("http://alertmanager.example.com:9093/api/v2/alerts", url);
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(["annotations", "generatorURL", "labels", "startsAt"], alert.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void Slack_payloads_carry_text_blocks_and_an_attachment_colour()
    {
        var (_, body) = Builder().Build(Rule("slack"), new AlertEvent(AlertEventKind.Firing, 42, new Dictionary<string, string> { ["host"] = "db-1" }, 97.5, FiredAt, FiredAt, null), Guid.NewGuid());

        var slack = JsonDocument.Parse(body).RootElement;

        Assert.StartsWith("[FIRING] CPU too high", slack.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("header", slack.GetProperty("blocks")[0].GetProperty("type").GetString());
        Assert.Equal("#E01E5A", slack.GetProperty("attachments")[0].GetProperty("color").GetString());
    }

    [Theory]
    [InlineData("json", "\"labels\":{\"service\":\"checkout\"}")]
    [InlineData("slack", "service=checkout")]
    [InlineData("alertmanager", "\"service\":\"checkout\"")]
    [InlineData("alertmanager_api", "\"service\":\"checkout\"")]
    public void A_grouped_alert_carries_its_group_labels_in_every_format(string format, string expected)
    {
        var (_, body) = Builder().Build(ErrorRatio(format), new AlertEvent(AlertEventKind.Firing, 42, new Dictionary<string, string> { ["service"] = "checkout" }, 5, FiredAt, FiredAt, null), Guid.NewGuid());

        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ratio_rule_is_described_by_its_numerator_and_groups()
    {
        var (_, body) = Builder().Build(ErrorRatio("alertmanager"), new AlertEvent(AlertEventKind.Firing, 42, new Dictionary<string, string> { ["service"] = "checkout" }, 5, FiredAt, FiredAt, null), Guid.NewGuid());

        var description = JsonDocument.Parse(body).RootElement.GetProperty("commonAnnotations").GetProperty("description").GetString();

        Assert.Equal("threshold rule: % of http_request_duration_ms samples with status=~\"5..\" by service over 1m greater than 1", description);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body()
    {
        // Reference value from: printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac secret
        Assert.Equal("sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494", WebhookSigner.Sign("secret", "{\"a\":1}"));
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    private static PayloadBuilder Builder() => new(Options.Create(new PayloadOptions { ExternalUrl = "https://perfmon.example.com" }));

    private static AlertRule Rule(string format) => new(
        Guid.NewGuid(), "CPU too high", RuleKind.Threshold, "cpu_usage_percent", new Dictionary<string, string>(), RuleAggregation.Max, TimeSpan.FromMinutes(1),
        RuleCondition.GreaterThan, 90, TimeSpan.Zero, Severity.Critical, 0, "http://alertmanager.example.com:9093", WireName<PayloadFormat>.Parse(format), true);

    private static AlertRule ErrorRatio(string format) => Rule(format) with
    {
        Metric = "http_request_duration_ms",
        Aggregation = RuleAggregation.Ratio,
        Threshold = 1,
        GroupBy = ["service"],
        Numerator = [new LabelMatcher("status", "=~", "5..")],
    };
}
