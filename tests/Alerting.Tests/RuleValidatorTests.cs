using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Tests;

public sealed class RuleValidatorTests
{
    [Fact]
    public async Task Every_invalid_field_is_named()
    {
        var (rule, errors) = await Validator(allowPrivate: false).ValidateAsync(Guid.NewGuid(), new AlertRuleRequest(
            "", "threshold", "", null, "median", "5x", "bigger", null, "-", "loud", -1, "ftp://x", "xml", null), CancellationToken.None);

        Assert.Null(rule);
        Assert.Equal(
            ["aggregation", "condition", "cooldownMinutes", "for", "format", "metric", "name", "severity", "threshold", "webhookUrl", "window"],
            errors.Keys.Order());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://localhost/hook")]
    public async Task Private_webhook_targets_are_refused_unless_allowed(string url)
    {
        var request = Valid() with { WebhookUrl = url };

        Assert.Contains("webhookUrl", (await Validator(allowPrivate: false).ValidateAsync(Guid.NewGuid(), request, CancellationToken.None)).Errors.Keys);
        Assert.NotNull((await Validator(allowPrivate: true).ValidateAsync(Guid.NewGuid(), request, CancellationToken.None)).Rule);
    }

    [Fact]
    public async Task Durations_are_parsed_and_defaults_filled()
    {
        var (rule, _) = await Validator(allowPrivate: false).ValidateAsync(Guid.NewGuid(), Valid() with { Window = "5m", For = "30s" }, CancellationToken.None);

        Assert.NotNull(rule);
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), "avg", true), (rule.Window, rule.For, rule.Aggregation.ToWire(), rule.Enabled));
        Assert.Equal("5m", Duration.Format(rule.Window));
    }

    [Theory]
    [InlineData("threshold", "ratio", false, "service", "numerator")]
    [InlineData("threshold", "avg", true, "service", "numerator")]
    [InlineData("threshold", "ratio", true, "", "groupBy")]
    [InlineData("threshold", "rate", false, "service", "")]
    [InlineData("threshold", "avg", false, "service,9lives", "groupBy[1]")]
    [InlineData("threshold", "avg", false, "service,service", "groupBy[1]")]
    [InlineData("health", "ratio", true, "service", "aggregation,groupBy")]
    [InlineData("threshold", "ratio", true, "service,region", "")]
    public async Task Grouping_and_ratio_are_checked_together(string kind, string aggregation, bool withNumerator, string groupBy, string expectedErrors)
    {
        var request = Valid() with
        {
            Kind = kind,
            Aggregation = aggregation,
            Numerator = withNumerator ? [new LabelMatcherRequest("status", "=~", "5..")] : null,
            GroupBy = [.. groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };

        var (rule, errors) = await Validator(allowPrivate: false).ValidateAsync(Guid.NewGuid(), request, CancellationToken.None);

        Assert.Equal(expectedErrors, string.Join(",", errors.Keys.Order()));
        Assert.Equal(expectedErrors == "", rule is not null);
    }

    [Fact]
    public async Task A_valid_ratio_rule_keeps_its_groups_and_numerator()
    {
        var (rule, _) = await Validator(allowPrivate: false).ValidateAsync(Guid.NewGuid(), Valid() with
        {
            Aggregation = "ratio",
            GroupBy = ["service"],
            Numerator = [new LabelMatcherRequest("status", "=~", "5..")],
        }, CancellationToken.None);

        Assert.NotNull(rule);
        Assert.Equal<string>(["service"], rule.GroupBy);
        Assert.True(rule.MatchesNumerator(new Dictionary<string, string> { ["status"] = "503" }));
        Assert.False(rule.MatchesNumerator(new Dictionary<string, string> { ["status"] = "404" }));
    }

    private static AlertRuleRequest Valid() => new(
        "High CPU", "threshold", "cpu_usage_percent", null, null, null, "greater_than", 90, null, "warning", null, "https://hooks.example.test/x", null, null);

    public static RuleValidator Validator(bool allowPrivate, IHostResolver? resolver = null)
    {
        var options = Options.Create(new WebhookTargetOptions { AllowPrivateWebhookTargets = allowPrivate });
        return new(new WebhookTargetGuard(new WebhookAddressPolicy(options), resolver ?? new FakeDnsResolver(), options));
    }
}
