namespace PerfMonitor.Embedded.Postgres;

/// <summary>Finds PostgreSQL's server programs on PATH, or in Debian's versioned folder when PATH lacks them.</summary>
internal static class PostgresBinaries
{
    public static string Find(string program)
    {
        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
        if (fromPath is not null)
        {
            return fromPath;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var fromDebian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var version) ? version : 0)
                .Select(folder => Path.Combine(folder, "bin", program))
                .FirstOrDefault(File.Exists)
            : null;
        return fromDebian ?? throw new FileNotFoundException(
            $"PostgreSQL's {program} was not found on PATH or under {debianRoot}; install the postgresql package.");
    }
}
