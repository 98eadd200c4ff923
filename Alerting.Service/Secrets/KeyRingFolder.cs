namespace PerfMonitor.Alerting.Secrets;

/// <summary>A key ring folder: a mounted Kubernetes Secret is read-only, so keys cannot be added to it at run time.</summary>
public static class KeyRingFolder
{
    public static bool HasKeys(string path) => Directory.EnumerateFiles(path, "key-*.xml").Any();

    public static bool IsWritable(string path)
    {
        var probe = Path.Combine(path, $".write-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
