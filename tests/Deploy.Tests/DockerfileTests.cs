using System.Text.Json;
using System.Text.RegularExpressions;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

/// <summary>The root Dockerfile, the one recipe of every service's image, read as each service's build would run it.</summary>
public sealed partial class DockerfileTests
{
    public static readonly IReadOnlyList<string> ServiceFolders = ["Collector.Service", "Analytics.Service", "Alerting.Service", "Gateway.Api"];

    public static TheoryData<string> Folders => [.. ServiceFolders];

    [Fact]
    public void The_build_stage_is_the_pinned_sdk_and_the_final_stage_the_pinned_aspnet_runtime()
    {
        var stages = ServiceDockerfile.Stages();

        Assert.True(stages.Count >= 2, "the Dockerfile is not multi-stage");
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0\.\d+(@sha256:[a-f0-9]{64})?$", stages[0].Image);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0\.\d+([\w.-]*)?(@sha256:[a-f0-9]{64})?$", stages[^1].Image);
    }

    [Fact]
    public void The_final_image_runs_as_the_non_root_app_user_without_the_sdk()
    {
        var final = ServiceDockerfile.Stages()[^1];

        var user = Assert.Single(final.Lines, l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.Contains(user, new[] { "$APP_UID", "${APP_UID}", "1654", "app" });
        Assert.DoesNotContain(final.Lines, l => l.Contains("dotnet/sdk", StringComparison.Ordinal));
        Assert.Contains(final.Lines, l => Regex.IsMatch(l, @"^COPY\s+--from=build\b"));
    }

    [Fact]
    public void The_service_is_a_build_argument_without_a_default()
    {
        var build = ServiceDockerfile.Stages()[0];

        // A default would quietly build that service's image under another service's name.
        Assert.Contains($"ARG {ServiceDockerfile.ServiceArgument}", build.Lines);
        Assert.DoesNotContain(build.Lines, l => l.StartsWith($"ARG {ServiceDockerfile.ServiceArgument}=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_build_runs_on_the_build_machine_and_publishes_for_the_images_architecture()
    {
        var build = ServiceDockerfile.Stages()[0];

        // The apphost is native code: built for the build machine's architecture, it would not start on the target's.
        Assert.Equal("$BUILDPLATFORM", build.Platform);
        Assert.Contains("ARG TARGETARCH", build.Lines);
        Assert.Contains(build.Lines, l => l.Contains("dotnet publish", StringComparison.Ordinal) && l.Contains("-a $TARGETARCH", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_build_copies_the_shared_build_files_and_every_project_the_service_needs(string folder)
    {
        var build = ServiceDockerfile.Stages(folder)[0];
        var copied = build.Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .Where(source => !source.StartsWith("--", StringComparison.Ordinal))
            .Select(source => source.TrimEnd('/'))
            .ToHashSet();

        // .editorconfig sets the analyzers' severities; without it, warnings-as-errors fails the Release build.
        Assert.Superset(new HashSet<string> { ".editorconfig", "Directory.Build.props", "Directory.Packages.props", folder }, copied);
        Assert.Superset(ProjectFolders(folder), copied);
        Assert.All(copied, source => Assert.True(File.Exists(RepoPaths.Combine(source)) || Directory.Exists(RepoPaths.Combine(source)), $"the Dockerfile copies {source} for {folder}, which is not in the repository"));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_image_publishes_the_service_in_Release_and_starts_its_assembly(string folder)
    {
        var stages = ServiceDockerfile.Stages(folder);
        var project = $"{folder}/{folder}.csproj";

        Assert.True(File.Exists(RepoPaths.Combine(project)), $"{project} does not exist");
        var publish = Assert.Single(stages[0].Lines, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains(project, publish);
        Assert.Contains("-c Release", publish);
        Assert.Contains("-o /app", publish);
        Assert.DoesNotContain("UseAppHost=false", publish);
        var rename = Rename().Match(publish);
        Assert.True(rename.Success, "the build does not give the apphost a fixed name");
        Assert.Equal($"/app/{AssemblyName(project)}", rename.Groups["from"].Value);

        var final = stages[^1];
        Assert.Contains("WORKDIR /app", final.Lines);
        Assert.Contains(final.Lines, l => Regex.IsMatch(l, @"^COPY\s+--from=build\b.*\s/app/?\s+(\./|/app/?)$"));
        var entrypoint = Assert.Single(final.Lines, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))["ENTRYPOINT ".Length..];
        // The exec form: the service is the container's first process and receives its SIGTERM, no shell in between.
        var command = JsonSerializer.Deserialize<string[]>(entrypoint);
        Assert.Equal(rename.Groups["to"].Value, Assert.Single(command!));
        Assert.Contains(final.Lines, l => l.StartsWith("EXPOSE ", StringComparison.Ordinal) && l.Contains("8080") && l.Contains("8081"));
    }

    private static string AssemblyName(string project) =>
        AssemblyNameElement().Match(File.ReadAllText(RepoPaths.Combine(project))) is { Success: true } match
            ? match.Groups["name"].Value
            : Path.GetFileNameWithoutExtension(project);

    /// <summary>The top-level folders of the projects <paramref name="folder"/>'s project references, directly or not.</summary>
    private static HashSet<string> ProjectFolders(string folder)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(RepoPaths.Combine($"{folder}/{folder}.csproj"))]);
        while (pending.TryPop(out var project))
        {
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups["path"].Value.Replace('\\', '/')));
                if (found.Add(Path.GetRelativePath(RepoPaths.Root, path).Split(Path.DirectorySeparatorChar)[0]))
                {
                    pending.Push(path);
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"<AssemblyName>(?<name>[^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNameElement();

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"&&\s*mv\s+""?(?<from>[^""\s]+)""?\s+""?(?<to>[^""\s]+)""?$")]
    private static partial Regex Rename();
}
