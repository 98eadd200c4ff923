using System.Text.RegularExpressions;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>
/// The root Dockerfile as stages of instructions (continuations joined, comments dropped), optionally with the SERVICE
/// build argument replaced by a service's folder, as BuildKit expands it for that service's image.
/// </summary>
public static partial class ServiceDockerfile
{
    public const string ServiceArgument = "SERVICE";

    public sealed record Stage(string Image, string? Platform, List<string> Lines);

    public static List<Stage> Stages(string? service = null)
    {
        Assert.True(File.Exists(RepoPaths.Dockerfile), "the repository has no Dockerfile at its root");
        var text = Continuation().Replace(File.ReadAllText(RepoPaths.Dockerfile), " ");
        if (service is not null)
        {
            text = text.Replace("${" + ServiceArgument + "}", service, StringComparison.Ordinal)
                .Replace("$" + ServiceArgument, service, StringComparison.Ordinal);
        }

        var stages = new List<Stage>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (From().Match(line) is { Success: true } from)
            {
                stages.Add(new Stage(from.Groups["image"].Value, from.Groups["platform"].Success ? from.Groups["platform"].Value : null, []));
            }
            else
            {
                Assert.True(stages.Count > 0, $"the Dockerfile has '{line}' before its first FROM");
                stages[^1].Lines.Add(line);
            }
        }

        return stages;
    }

    [GeneratedRegex(@"^FROM\s+(?:--platform=(?<platform>\S+)\s+)?(?<image>\S+)")]
    private static partial Regex From();

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex Continuation();
}
