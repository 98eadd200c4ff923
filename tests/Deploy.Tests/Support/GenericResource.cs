using k8s;
using k8s.Models;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>A custom resource (Strimzi, CloudNativePG) read without its schema.</summary>
public sealed class GenericResource : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public V1ObjectMeta Metadata { get; set; } = new();

    public Dictionary<object, object>? Spec { get; set; }

    public string Name => Metadata.Name;

    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>The value at a path of map keys and list indexes below <c>spec</c>, or null.</summary>
    public object? At(params object[] path)
    {
        object? current = Spec;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (Dictionary<object, object> map, string key) => map.TryGetValue(key, out var next) ? next : null,
                (List<object> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        }

        return current;
    }

    public string? String(params object[] path) => At(path)?.ToString();

    public long? Number(params object[] path) => At(path) is { } value ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public IEnumerable<Dictionary<object, object>> Maps(params object[] path) =>
        At(path) is List<object> list ? list.OfType<Dictionary<object, object>>() : [];

    public static string? Get(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) ? value?.ToString() : null;
}
