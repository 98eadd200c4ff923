using System.Security.Cryptography;

namespace PerfMonitor.Hosting;

/// <summary>
/// The generated admin API key of a local run: created once, kept in the data folder's <c>api-key</c> file
/// (readable by its owner only) so every later run and every script on this machine uses the same key.
/// </summary>
public static class ApiKeyFile
{
    public const string FileName = "api-key";

    public static async Task<string> LoadOrCreateAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        }
        Directory.CreateDirectory(dataDirectory);
        var key = "pm_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(path, key + Environment.NewLine, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
