using Microsoft.Extensions.Options;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.SignIn;

/// <summary>A sign-in token must be as hard to guess as a key, and there must be an <c>admin</c> key for it to sign in as.</summary>
public sealed class SignInTokenValidation(IOptions<ApiKeysOptions> keys) : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        if (string.IsNullOrEmpty(options.SignInToken))
        {
            return ValidateOptionsResult.Success;
        }
        var setting = $"{AccessOptions.Section}:{nameof(AccessOptions.SignInToken)}";
        var bits = KeyStrength.Bits(options.SignInToken.Trim());
        if (bits < KeyStrength.MinimumBits)
        {
            return ValidateOptionsResult.Fail($"{setting} holds about {bits} bits; it needs at least {KeyStrength.MinimumBits} (e.g. 32 random hex digits).");
        }
        return keys.Value.Configured.Any(entry => entry.Key == SignInLink.KeyName)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{setting} is set but no key named '{SignInLink.KeyName}' is configured ({ApiKeysOptions.Section}:{SignInLink.KeyName}:Key) for the link to sign in as.");
    }
}
