using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using PerfMonitor.Deploy.Tests.Support;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.Deploy.Tests;

public sealed class KafkaSettingsTests
{
    [Theory]
    [MemberData(nameof(EnvironmentContractTests.DataServicesInOverlays), MemberType = typeof(EnvironmentContractTests))]
    public void The_rendered_Kafka_settings_pass_the_services_own_validation(string overlay, string service)
    {
        var options = KafkaOptionsOf(overlay, service);

        var problems = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true);

        Assert.True(valid, $"{service} in {overlay}: {string.Join("; ", problems.Select(p => p.ErrorMessage))}");
    }

    [Theory]
    [MemberData(nameof(EnvironmentContractTests.DataServicesInOverlays), MemberType = typeof(EnvironmentContractTests))]
    public void A_SASL_password_comes_from_a_Secret_never_from_a_literal(string overlay, string service)
    {
        var options = KafkaOptionsOf(overlay, service);

        if (KafkaSecurity.UsesSasl(options.SecurityProtocol) || options.SaslPassword is not null)
        {
            Assert.StartsWith("<secret ", options.SaslPassword, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_external_overlay_talks_TLS_and_SASL_to_a_managed_Kafka()
    {
        Assert.Equal(KafkaSecurity.SaslSsl, KafkaOptionsOf("external", Contract.Collector).SecurityProtocol);
    }

    private static KafkaOptions KafkaOptionsOf(string overlay, string service)
    {
        var rendered = Kustomize.Overlay(overlay);
        var environment = EnvironmentResolver.Resolve(rendered, rendered.Workload(service).Main).Values;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)))
            .Build();
        var options = configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        options.BootstrapServers = configuration.GetConnectionString("kafka") ?? "";
        return options;
    }
}
