using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// Reads a routing configuration from JSON or from YAML, both in Alertmanager's snake_case names, so an Alertmanager
/// <c>route:</c>, <c>inhibit_rules:</c> and <c>time_intervals:</c> block can be sent unchanged. Unknown fields are refused.
/// </summary>
public static class RoutingConfigReader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    /// <summary>The configuration, or null and why it could not be read (the field "body").</summary>
    public static (RoutingConfig? Config, string? Error) ReadJson(string text)
    {
        try
        {
            return (JsonSerializer.Deserialize<RoutingConfig>(text, Json) ?? new RoutingConfig(), null);
        }
        catch (JsonException ex)
        {
            return (null, $"is not a routing configuration: {ex.Message}");
        }
    }

    public static (RoutingConfig? Config, string? Error) ReadYaml(string text)
    {
        try
        {
            return (Yaml.Deserialize<RoutingConfig>(text) ?? new RoutingConfig(), null);
        }
        catch (YamlException ex)
        {
            return (null, $"is not a routing configuration: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.Message})" : "")}");
        }
    }

    /// <summary>Reads just a route tree (Alertmanager's route: block) from YAML.</summary>
    public static RouteConfig ReadRouteYaml(string text) => Yaml.Deserialize<RouteConfig>(text);
}
