using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Security;

/// <summary>Refuses to start with a key too short to resist guessing, an unknown scope or a negative limit, naming the key.</summary>
public sealed class ApiKeysValidation : IValidateOptions<ApiKeysOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeysOptions options)
    {
        var failures = new List<string>();
        foreach (var (keyName, key) in options.Configured)
        {
            var setting = $"{ApiKeysOptions.Section}:{keyName}";
            var bits = KeyStrength.Bits(key.Key.Trim());
            if (bits < KeyStrength.MinimumBits)
            {
                failures.Add($"{setting}:Key holds about {bits} bits; keys need at least {KeyStrength.MinimumBits} " +
                    "(e.g. 32 random hex digits: openssl rand -hex 16).");
            }
            try
            {
                Scopes.Parse(key.Scopes);
            }
            catch (FormatException error)
            {
                failures.Add($"{setting}:Scopes: {error.Message}");
            }
            foreach (var (field, value) in new[] { ("PermitsPerSecond", key.PermitsPerSecond), ("Burst", key.Burst), ("MaxConcurrentIngest", key.MaxConcurrentIngest), ("MaxConcurrentQueries", key.MaxConcurrentQueries) })
            {
                if (value < 0)
                {
                    failures.Add($"{setting}:{field} is {value}; it must be 0 or more.");
                }
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
