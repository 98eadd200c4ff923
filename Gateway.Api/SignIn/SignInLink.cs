using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.SignIn;

/// <summary>
/// The one-time sign-in link (<c>/login?t=&lt;token&gt;</c>), like the Aspire dashboard's: the first browser to present the
/// token is signed in as the <c>admin</c> key and the token is spent. Only its hash is kept, compared in constant time.
/// The spent mark lives in this process: each gateway replica accepts the token once.
/// </summary>
public sealed class SignInLink
{
    public const string KeyName = "admin";

    private readonly byte[]? tokenHash;
    private int spent;

    public SignInLink(IOptions<AccessOptions> options)
    {
        var token = options.Value.SignInToken?.Trim();
        tokenHash = string.IsNullOrEmpty(token) ? null : Hash(token);
    }

    /// <returns>True exactly once: for the first presentation of the configured token.</returns>
    public bool TryRedeem(string? presented)
    {
        if (tokenHash is null || string.IsNullOrEmpty(presented))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Hash(presented), tokenHash) && Interlocked.Exchange(ref spent, 1) == 0;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
