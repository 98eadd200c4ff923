namespace PerfMonitor.TestSupport;

/// <summary>A folder under the system temp path, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that has just stopped may still be releasing a file; the OS cleans temp eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Same, for files another user (postgres) owns while running as an ordinary user.
        }
    }
}
