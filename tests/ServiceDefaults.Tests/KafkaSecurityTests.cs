using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PerfMonitor.ServiceDefaults.Kafka;

namespace PerfMonitor.ServiceDefaults.Tests;

/// <summary>
/// ServiceDefaults' Kafka security settings, as a service reads them from its configuration. No SASL or TLS broker
/// runs on this machine (the embedded mock cluster speaks plain text only), so these check what reaches librdkafka.
/// </summary>
public sealed class KafkaSecurityTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_sasl_protocol_without_credentials_stops_the_service_at_start_naming_the_settings()
    {
        using var host = Build(new() { ["Kafka:SecurityProtocol"] = "sasl_ssl" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Kafka:SaslMechanism", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:SaslUsername", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:SaslPassword", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unknown_security_protocol_is_refused_at_start()
    {
        using var host = Build(new() { ["Kafka:SecurityProtocol"] = "tls" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SecurityProtocol", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sasl_ssl_settings_reach_every_producer_consumer_and_admin_configuration()
    {
        using var host = Build(new()
        {
            ["Kafka:SecurityProtocol"] = "sasl_ssl",
            ["Kafka:SaslMechanism"] = "SCRAM-SHA-512",
            ["Kafka:SaslUsername"] = "perfmon",
            ["Kafka:SaslPassword"] = "from-a-secret",
            ["Kafka:SslCaLocation"] = "/etc/kafka/ca.pem",
        });
        var factory = host.Services.GetRequiredService<KafkaClientFactory>();

        ClientConfig[] configs = [factory.CreateProducerConfig(), factory.CreateConsumerConfig("g"), factory.CreateAdminConfig()];

        Assert.All(configs, config =>
        {
            Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
            Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
            Assert.Equal("perfmon", config.SaslUsername);
            Assert.Equal("from-a-secret", config.SaslPassword);
            Assert.Equal("/etc/kafka/ca.pem", config.SslCaLocation);
            Assert.Equal("b:9092", config.BootstrapServers);
        });
    }

    [Fact]
    public void By_default_clients_connect_in_plain_text_without_credentials()
    {
        using var host = Build([]);

        var config = host.Services.GetRequiredService<KafkaClientFactory>().CreateProducerConfig();

        Assert.Equal(SecurityProtocol.Plaintext, config.SecurityProtocol);
        Assert.Null(config.SaslUsername);
        Assert.Null(config.SaslPassword);
    }

    private static IHost Build(Dictionary<string, string?> settings) => KafkaHosts.Build(settings);
}
