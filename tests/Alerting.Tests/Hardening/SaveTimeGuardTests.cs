using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Rules;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>The save-time check of webhookUrl: every spelling of every refused range, and names resolving into one.</summary>
public sealed class SaveTimeGuardTests
{
    [Theory]
    [MemberData(nameof(WebhookTargetCases.Urls), MemberType = typeof(WebhookTargetCases))]
    public async Task Each_target_is_judged_by_the_range_it_reaches_with_private_targets_refused(string url, Verdict verdict)
    {
        var refusal = await Guard(allowPrivate: false).CheckAsync(url, CancellationToken.None);

        Assert.True((refusal is null) == (verdict == Verdict.Allowed), $"{url}: {refusal ?? "accepted"}");
    }

    [Theory]
    [MemberData(nameof(WebhookTargetCases.Urls), MemberType = typeof(WebhookTargetCases))]
    public async Task Each_target_is_judged_by_the_range_it_reaches_with_private_targets_allowed(string url, Verdict verdict)
    {
        var refusal = await Guard(allowPrivate: true).CheckAsync(url, CancellationToken.None);

        Assert.True((refusal is null) == (verdict != Verdict.Never), $"{url}: {refusal ?? "accepted"}");
    }

    [Theory]
    [InlineData("http://1.2.3.4.5/hook")]
    [InlineData("http://10.0.0.1.9/hook")]
    [InlineData("http://0x7f.0x0.0x0.0x1.0x2/hook")]
    [InlineData("http://①②⑦.0.0.1/hook")]
    public async Task A_host_that_is_neither_a_name_nor_a_canonical_address_is_refused(string url)
    {
        var refusal = await Guard(allowPrivate: true).CheckAsync(url, CancellationToken.None);

        Assert.Contains("non-standard spelling", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_yet_is_accepted_and_left_to_the_connect_time_check()
    {
        Assert.Null(await Guard(allowPrivate: false).CheckAsync("https://not-yet-there.example.test/hook", CancellationToken.None));
    }

    [Theory]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("http://[::ffff:93.184.216.34]/hook")]
    [InlineData("http://public.rebind.test/hook")]
    [InlineData("http://10.96.0.10/hook")]
    [InlineData("http://[fd00:10:96::a]/hook")]
    public async Task Operator_denied_networks_are_refused_even_with_private_targets_allowed(string url)
    {
        var refusal = await Guard(allowPrivate: true, denied: ["93.184.216.0/24, 10.96.0.0/12", "fd00:10:96::/112"]).CheckAsync(url, CancellationToken.None);

        Assert.Contains("Alerting:DeniedWebhookNetworks", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/", "alertmanager_api")]
    [InlineData("http://[::ffff:10.0.0.1]:9093", "alertmanager_api")]
    [InlineData("http://metadata.rebind.test:9093", "alertmanager")]
    [InlineData("http://internal.rebind.test/services/T/B/x", "slack")]
    public async Task Every_format_goes_through_the_same_guard(string url, string format)
    {
        var validator = RuleValidatorTests.Validator(allowPrivate: false, WebhookTargetCases.Resolver());

        var (rule, errors) = await validator.ValidateAsync(Guid.NewGuid(), new AlertRuleRequest(
            "am", "threshold", "m", null, null, null, "greater_than", 1, null, null, null, url, format, null), CancellationToken.None);

        Assert.Null(rule);
        Assert.Equal(["webhookUrl"], errors.Keys);
        Assert.Contains("refused", errors["webhookUrl"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("pods")]
    public void A_denied_network_that_is_not_a_cidr_range_fails_validation_naming_it(string entry)
    {
        var options = new WebhookTargetOptions { DeniedWebhookNetworks = ["10.244.0.0/16", entry] };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(entry, Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(nameof(WebhookTargetOptions.DeniedWebhookNetworks), errors[0].MemberNames.Single());
    }

    private static WebhookTargetGuard Guard(bool allowPrivate, List<string>? denied = null)
    {
        var options = Options.Create(new WebhookTargetOptions { AllowPrivateWebhookTargets = allowPrivate, DeniedWebhookNetworks = denied ?? [] });
        return new WebhookTargetGuard(new WebhookAddressPolicy(options), WebhookTargetCases.Resolver(), options);
    }
}
