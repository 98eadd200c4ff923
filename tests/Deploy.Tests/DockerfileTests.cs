using System.Text.RegularExpressions;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed partial class DockerfileTests
{
    public static readonly IReadOnlyList<string> ServiceFolders = ["Collector.Service", "Analytics.Service", "Alerting.Service", "Gateway.Api"];

    public static TheoryData<string> Folders => [.. ServiceFolders];

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_build_stage_is_the_pinned_sdk_and_the_final_stage_the_pinned_aspnet_runtime(string folder)
    {
        var stages = Stages(folder);

        Assert.True(stages.Count >= 2, $"{folder}/Dockerfile is not multi-stage");
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0\.\d+(@sha256:[a-f0-9]{64})?$", stages[0].Image);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0\.\d+([\w.-]*)?(@sha256:[a-f0-9]{64})?$", stages[^1].Image);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_final_image_runs_as_the_non_root_app_user_without_the_sdk(string folder)
    {
        var final = Stages(folder)[^1];

        var user = Assert.Single(final.Lines, l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();
        Assert.Contains(user, new[] { "$APP_UID", "${APP_UID}", "1654", "app" });
        Assert.DoesNotContain(final.Lines, l => l.Contains("dotnet/sdk", StringComparison.Ordinal));
        Assert.Contains(final.Lines, l => Regex.IsMatch(l, @"^COPY\s+--from=build\b"));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_build_copies_the_shared_build_files_and_projects_from_the_repository_root(string folder)
    {
        var build = Stages(folder)[0];
        var copied = build.Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .Where(source => !source.StartsWith("--", StringComparison.Ordinal))
            .Select(source => source.TrimEnd('/'))
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "Directory.Build.props", "Directory.Packages.props", "Contracts", "ServiceDefaults", folder }, copied);
        Assert.All(copied, source => Assert.True(File.Exists(RepoPaths.Combine(source)) || Directory.Exists(RepoPaths.Combine(source)), $"{folder}/Dockerfile copies {source}, which is not in the repository"));
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void The_image_publishes_the_service_in_Release_and_starts_its_assembly(string folder)
    {
        var stages = Stages(folder);
        var project = $"{folder}/{folder}.csproj";

        Assert.True(File.Exists(RepoPaths.Combine(project)), $"{project} does not exist");
        Assert.Contains(stages[0].Lines, l => l.Contains("dotnet publish", StringComparison.Ordinal) && l.Contains(project, StringComparison.Ordinal) && l.Contains("-c Release", StringComparison.Ordinal));
        var entrypoint = Assert.Single(stages[^1].Lines, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Contains($"\"{AssemblyName(project)}.dll\"", entrypoint);
        Assert.Contains(stages[^1].Lines, l => l.StartsWith("EXPOSE ", StringComparison.Ordinal) && l.Contains("8080") && l.Contains("8081"));
    }

    private static string AssemblyName(string project) =>
        AssemblyNameElement().Match(File.ReadAllText(RepoPaths.Combine(project))) is { Success: true } match
            ? match.Groups["name"].Value
            : Path.GetFileNameWithoutExtension(project);

    private sealed record Stage(string Image, List<string> Lines);

    private static List<Stage> Stages(string folder)
    {
        var path = RepoPaths.Combine($"{folder}/Dockerfile");
        Assert.True(File.Exists(path), $"{folder}/Dockerfile does not exist");
        var instructions = Continuation().Replace(File.ReadAllText(path), " ")
            .Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        var stages = new List<Stage>();
        foreach (var line in instructions)
        {
            if (From().Match(line) is { Success: true } from)
            {
                stages.Add(new Stage(from.Groups["image"].Value, []));
            }
            else
            {
                Assert.True(stages.Count > 0, $"{folder}/Dockerfile: '{line}' before the first FROM");
                stages[^1].Lines.Add(line);
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^FROM\s+(?:--platform=\S+\s+)?(?<image>\S+)")]
    private static partial Regex From();

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"<AssemblyName>(?<name>[^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNameElement();
}
