using System.Reflection;

namespace PerfMonitor.SystemTesting;

/// <summary>Where the solution and the services' build outputs are, for running the services as processes.</summary>
public static class RepositoryLayout
{
    public const string SolutionFile = "PerfMonitor.sln";

    public static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No {SolutionFile} above {AppContext.BaseDirectory}; run from a PerfMonitor checkout.");
    }

    /// <summary>The service assembly built in the same configuration (Debug or Release) as this library.</summary>
    public static string ServiceAssembly(string root, string project)
    {
        var configuration = typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";
        var path = Path.Combine(root, project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built ({path}); run `dotnet build {SolutionFile} -c {configuration}` first.", path);
    }
}
