using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>The security settings of <see cref="KafkaOptions"/>, applied to every client configuration.</summary>
public static class KafkaSecurity
{
    public const string Plaintext = "plaintext";
    public const string Ssl = "ssl";
    public const string SaslPlaintext = "sasl_plaintext";
    public const string SaslSsl = "sasl_ssl";

    public static readonly IReadOnlyDictionary<string, SaslMechanism> Mechanisms = new Dictionary<string, SaslMechanism>(StringComparer.Ordinal)
    {
        ["PLAIN"] = SaslMechanism.Plain,
        ["SCRAM-SHA-256"] = SaslMechanism.ScramSha256,
        ["SCRAM-SHA-512"] = SaslMechanism.ScramSha512,
    };

    public static bool UsesSasl(string protocol) => protocol is SaslPlaintext or SaslSsl;

    public static T Apply<T>(T config, KafkaOptions options) where T : ClientConfig
    {
        config.SecurityProtocol = options.SecurityProtocol switch
        {
            Ssl => SecurityProtocol.Ssl,
            SaslPlaintext => SecurityProtocol.SaslPlaintext,
            SaslSsl => SecurityProtocol.SaslSsl,
            _ => SecurityProtocol.Plaintext,
        };
        if (UsesSasl(options.SecurityProtocol))
        {
            config.SaslMechanism = Mechanisms[options.SaslMechanism!];
            config.SaslUsername = options.SaslUsername;
            config.SaslPassword = options.SaslPassword;
        }
        if (!string.IsNullOrEmpty(options.SslCaLocation))
        {
            config.SslCaLocation = options.SslCaLocation;
        }
        return config;
    }
}
