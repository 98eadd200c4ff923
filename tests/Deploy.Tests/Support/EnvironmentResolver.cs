using System.Text;
using k8s.Models;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>
/// The environment a container would start with, resolved the way the kubelet does: envFrom first,
/// then env in order, each value's $(VAR) references expanded from what is defined before it.
/// Secret and downward-API values stand in as placeholders, since they exist only in a cluster.
/// </summary>
public sealed class EnvironmentResolver(RenderedOverlay overlay, V1Container container)
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Everything that would not resolve in a cluster: missing ConfigMaps, keys, $(VAR)s.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Secrets the container reads, as (name, key); key is null for a whole-Secret envFrom.</summary>
    public List<(string Name, string? Key)> Secrets { get; } = [];

    public static string SecretPlaceholder(string name, string key) => $"<secret {name}/{key}>";

    public static EnvironmentResolver Resolve(RenderedOverlay overlay, V1Container container)
    {
        var resolver = new EnvironmentResolver(overlay, container);
        resolver.Run();
        return resolver;
    }

    private void Run()
    {
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } configMapRef)
            {
                var configMap = overlay.ConfigMap(configMapRef.Name);
                if (configMap is null)
                {
                    if (configMapRef.Optional != true)
                    {
                        Problems.Add($"envFrom ConfigMap {configMapRef.Name} is not in the overlay");
                    }

                    continue;
                }

                foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
                {
                    Values[source.Prefix + key] = value;
                }
            }
            else if (source.SecretRef is { } secretRef)
            {
                Secrets.Add((secretRef.Name, null));
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            Values[variable.Name] = variable.ValueFrom switch
            {
                null => Expand(variable.Name, variable.Value ?? ""),
                { SecretKeyRef: { } secret } => ReadSecret(secret),
                { ConfigMapKeyRef: { } key } => ReadConfigMap(variable.Name, key),
                { FieldRef: { } field } => $"<field {field.FieldPath}>",
                { ResourceFieldRef: { } resource } => $"<resource {resource.Resource}>",
                _ => Problem($"{variable.Name} has an empty valueFrom"),
            };
        }
    }

    private string ReadSecret(V1SecretKeySelector secret)
    {
        Secrets.Add((secret.Name, secret.Key));
        return SecretPlaceholder(secret.Name, secret.Key);
    }

    private string ReadConfigMap(string name, V1ConfigMapKeySelector selector)
    {
        var configMap = overlay.ConfigMap(selector.Name);
        if (configMap?.Data is { } data && data.TryGetValue(selector.Key, out var value))
        {
            return value;
        }

        return Problem($"{name} reads {selector.Name}/{selector.Key}, which is not in the overlay");
    }

    // Kubernetes expands $(NAME) from variables defined earlier, leaves an unknown one as it is,
    // and turns $$ into $.
    private string Expand(string name, string value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                result.Append('$');
                i++;
            }
            else if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '(' && value.IndexOf(')', i) is var end and > 0)
            {
                var reference = value[(i + 2)..end];
                if (Values.TryGetValue(reference, out var resolved))
                {
                    result.Append(resolved);
                }
                else
                {
                    Problems.Add($"{name} refers to $({reference}), which is not defined before it");
                    result.Append(value, i, end - i + 1);
                }

                i = end;
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }

    private string Problem(string problem)
    {
        Problems.Add(problem);
        return "";
    }
}
