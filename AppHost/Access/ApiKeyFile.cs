using System.Security.Cryptography;

namespace PerfMonitor.AppHost.Access;

/// <summary>
/// The generated admin API key of a local run: created once, kept in the data folder's <c>api-key</c> file
/// (readable by its owner only) so every later run and every script on this machine uses the same key.
/// </summary>
public static class ApiKeyFile
{
    public const string FileName = "api-key";

    public static string Path(string dataDirectory) => System.IO.Path.Combine(dataDirectory, FileName);

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path(dataDirectory);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(dataDirectory);
        // 192 random bits: the gateway refuses keys shorter than 128.
        var key = "pm_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
