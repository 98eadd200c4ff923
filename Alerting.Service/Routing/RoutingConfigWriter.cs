using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PerfMonitor.Alerting.Routing;

/// <summary>Writes a routing configuration as Alertmanager-style YAML (snake_case, unset fields left out), the form PUT takes back.</summary>
public static class RoutingConfigWriter
{
    public const string YamlContentType = "application/yaml";

    private static readonly ISerializer Yaml = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults)
        .Build();

    public static string ToYaml(RoutingConfig config) => Yaml.Serialize(config);

    /// <summary>Whether the caller asked for YAML (Accept: application/yaml), as the dashboard's editor does.</summary>
    public static bool WantsYaml(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true);
}
