using System.Diagnostics;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// A real filesystem that fills up: a tmpfs of a few hundred KiB mounted on a fresh folder, unmounted on dispose.
/// Writes past its size fail with ENOSPC exactly as on a full disk. Mounting needs root (or CAP_SYS_ADMIN), which the
/// test containers have; without it the constructor says so.
/// </summary>
public sealed class TinyFilesystem : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public TinyFilesystem(int kibibytes)
    {
        Path = Directory.CreateTempSubdirectory("perfmon-tiny-fs-").FullName;
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", Path);
        }
        catch
        {
            Directory.Delete(Path);
            throw;
        }
    }

    public string Path { get; }

    /// <summary>Fills the free space with a file, which <see cref="Free"/> deletes again.</summary>
    public void Fill() => Occupy(long.MaxValue);

    /// <summary>Takes up to <paramref name="bytes"/> of the free space with a file, which <see cref="Free"/> deletes again.</summary>
    public void Occupy(long bytes)
    {
        using var ballast = new FileStream(Ballast, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[4096];
        try
        {
            for (var written = 0L; written < bytes; written += chunk.Length)
            {
                ballast.Write(chunk);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    public void Free() => File.Delete(Ballast);

    public void Dispose()
    {
        // Lazy: a file a failed test left open must not keep the mount (and hide the failure behind "target is busy").
        Run("umount", "--lazy", Path);
        Directory.Delete(Path);
    }

    private string Ballast => System.IO.Path.Combine(Path, "ballast");

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            throw new TimeoutException($"{command} {string.Join(' ', arguments)} did not finish.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result.Trim()}. The disk-full tests mount a tmpfs: run them as root or with CAP_SYS_ADMIN.");
        }
    }
}
