using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Delivery;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>The new limits are checked when the service starts, not when a webhook first meets them.</summary>
public sealed class HardeningOptionsTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_service_with_a_malformed_denied_network_does_not_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerting:DeniedWebhookNetworks:0"] = "10.244.0.0/16,10.96.0.0/12",
            ["Alerting:DeniedWebhookNetworks:1"] = "10.96.0.10/12",
        });
        builder.AddWebhookTargets();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("10.96.0.10/12", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A round of three ten-second attempts runs far past a 15 s lease: renewals, not the lease, cover it.</summary>
    [Theory]
    [InlineData("00:00:15", "00:00:05", "00:00:01", "")]
    [InlineData("00:00:15", "00:00:06", "00:00:01", "LeaseRenewalInterval")]
    [InlineData("00:00:15", "00:00:05", "00:00:10", "ResponseBodyTimeout")]
    public void The_lease_must_span_three_renewals_and_the_body_deadline_must_fit_in_an_attempt(
        string lease, string renewal, string bodyTimeout, string invalid)
    {
        var options = new DeliveryOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(10),
            RetryAttempts = 2,
            LeaseDuration = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture),
            LeaseRenewalInterval = TimeSpan.Parse(renewal, System.Globalization.CultureInfo.InvariantCulture),
            ResponseBodyTimeout = TimeSpan.Parse(bodyTimeout, System.Globalization.CultureInfo.InvariantCulture),
        };

        var errors = options.Validate(new ValidationContext(options));

        Assert.Equal(invalid, string.Join(",", errors.SelectMany(e => e.MemberNames)));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var delivery = new DeliveryOptions();
        var targets = new WebhookTargetOptions();

        Assert.True(Validator.TryValidateObject(delivery, new ValidationContext(delivery), null, validateAllProperties: true));
        Assert.True(Validator.TryValidateObject(targets, new ValidationContext(targets), null, validateAllProperties: true));
    }
}
