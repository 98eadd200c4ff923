namespace PerfMonitor.Gateway.Security;

/// <summary>The <c>ApiKeys</c> section: every configured key by its name. Entries without a key are ignored.</summary>
public sealed class ApiKeysOptions
{
    public const string Section = "ApiKeys";

    public Dictionary<string, ApiKeyOptions> Keys { get; } = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, ApiKeyOptions>> Configured =>
        Keys.Where(entry => !string.IsNullOrWhiteSpace(entry.Value.Key));
}
