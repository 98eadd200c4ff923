namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>Paths inside the repository, found by walking up from the test binaries.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string K8s => Path.Combine(Root, "deploy", "k8s");

    public static string Overlays => Path.Combine(K8s, "overlays");

    public static string DeployDoc => Path.Combine(Root, "docs", "deploy.md");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string Combine(string relative) =>
        Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        // PerfMonitor.sln marks the root; until it exists, the folder holding Directory.Packages.props and deploy/ does.
        return WalkUp(dir => File.Exists(Path.Combine(dir, "PerfMonitor.sln")))
            ?? WalkUp(dir => File.Exists(Path.Combine(dir, "Directory.Packages.props")) && Directory.Exists(Path.Combine(dir, "deploy")))
            ?? throw new InvalidOperationException($"No PerfMonitor.sln above {AppContext.BaseDirectory}.");
    }

    private static string? WalkUp(Func<string, bool> isRoot)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (isRoot(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
