using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Gateway.Security;

/// <summary>
/// The configured keys, kept only as SHA-256 hashes. A presented key is hashed and compared with every stored hash
/// in constant time, so neither the comparison nor the number of keys tried leaks how close a guess was.
/// </summary>
public sealed class ApiKeyStore(IOptions<ApiKeysOptions> configured)
{
    private readonly List<(ApiKeyIdentity Identity, byte[] Hash)> keys = configured.Value.Configured
        .Select(entry => (
            new ApiKeyIdentity(
                entry.Key,
                Scopes.Parse(entry.Value.Scopes),
                entry.Value.PermitsPerSecond,
                entry.Value.Burst,
                entry.Value.MaxConcurrentIngest,
                entry.Value.MaxConcurrentQueries),
            Hash(entry.Value.Key.Trim())))
        .ToList();

    public int Count => keys.Count;

    public ApiKeyIdentity? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var hash = Hash(presented);
        ApiKeyIdentity? match = null;
        foreach (var (identity, stored) in keys)
        {
            // No early exit: every stored hash is compared.
            if (CryptographicOperations.FixedTimeEquals(hash, stored))
            {
                match = identity;
            }
        }
        return match;
    }

    /// <summary>The key configured under this name, for a sign-in that names the key instead of presenting it.</summary>
    public ApiKeyIdentity? FindByName(string name) => keys.FirstOrDefault(k => k.Identity.Name == name).Identity;

    /// <summary>
    /// A dashboard session is signed with a secret derived from the key it was opened with, so any gateway replica
    /// that knows the same key accepts it (no shared session store), and rotating the key ends the session.
    /// </summary>
    public string IssueSession(ApiKeyIdentity identity, DateTimeOffset expires)
    {
        var payload = $"{identity.Name}.{expires.ToUnixTimeSeconds()}";
        return $"{payload}.{Base64Url(Sign(HashOf(identity), payload))}";
    }

    public ApiKeyIdentity? FindSession(string? cookie, DateTimeOffset now)
    {
        var parts = (cookie ?? "").Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], out var expiresAt) || now.ToUnixTimeSeconds() > expiresAt)
        {
            return null;
        }
        var entry = keys.FirstOrDefault(k => k.Identity.Name == parts[0]);
        if (entry.Identity is null)
        {
            return null;
        }
        var expected = Sign(entry.Hash, $"{parts[0]}.{parts[1]}");
        var presented = FromBase64Url(parts[2]);
        return presented is not null && CryptographicOperations.FixedTimeEquals(expected, presented) ? entry.Identity : null;
    }

    private byte[] HashOf(ApiKeyIdentity identity) => keys.First(k => k.Identity == identity).Hash;

    private static byte[] Sign(byte[] keyHash, string payload) =>
        HMACSHA256.HashData(keyHash, Encoding.UTF8.GetBytes("perfmon-dashboard-session:" + payload));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
