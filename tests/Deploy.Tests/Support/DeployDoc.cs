using System.Text.RegularExpressions;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>docs/deploy.md as the tests read it: its fenced code blocks and what the commands in them name.</summary>
public sealed partial class DeployDoc
{
    private static readonly Lazy<DeployDoc> Instance = new(() => new DeployDoc(File.ReadAllText(RepoPaths.DeployDoc)));

    private DeployDoc(string text)
    {
        Text = text;
        CodeBlocks = [.. CodeBlock().Matches(text).Select(m => m.Groups["code"].Value)];
        Commands = [.. CodeBlocks.SelectMany(JoinContinuations)];
    }

    public static DeployDoc Load() => Instance.Value;

    public string Text { get; }

    public IReadOnlyList<string> CodeBlocks { get; }

    /// <summary>Code lines with backslash continuations joined.</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>Folders given to <c>-k</c> or <c>kubectl kustomize</c>.</summary>
    public IEnumerable<string> KustomizePaths =>
        Commands.SelectMany(c => KustomizePath().Matches(c)).Select(m => m.Groups["path"].Value.TrimEnd('/')).Distinct();

    /// <summary>Repository paths the commands name (deploy/..., docs/..., tests/..., Gateway.Api/...).</summary>
    public IEnumerable<string> RepoFilePaths =>
        Commands.SelectMany(c => RepoPath().Matches(c)).Select(m => m.Groups["path"].Value.TrimEnd('/', '.', ','))
            .Where(path => !KubectlDeploymentReference().IsMatch(path))
            .Distinct();

    /// <summary>The image builds: <c>docker build</c> and <c>docker buildx build</c> commands.</summary>
    public IEnumerable<string> DockerBuilds => Commands.Where(c => DockerBuild().IsMatch(c));

    /// <summary>The service an image build passes as <c>--build-arg SERVICE=</c>, or null.</summary>
    public static string? BuiltService(string build) =>
        ServiceBuildArgument().Match(build) is { Success: true } match ? match.Groups["service"].Value : null;

    /// <summary>Secrets the guide has the user create, with the keys it puts in them.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> CreatedSecrets =>
        Commands.Select(c => CreateSecret().Match(c)).Where(m => m.Success)
            .GroupBy(m => m.Groups["name"].Value)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlySet<string>)g.SelectMany(m => m.Groups["type"].Value == "tls"
                        ? ["tls.crt", "tls.key"]
                        : SecretKey().Matches(m.Value).Select(k => k.Groups["key"].Value))
                    .ToHashSet(StringComparer.Ordinal));

    /// <summary>Namespaces given with -n / --namespace.</summary>
    public IEnumerable<string> Namespaces =>
        Commands.SelectMany(c => NamespaceFlag().Matches(c)).Select(m => m.Groups["ns"].Value).Distinct();

    /// <summary>kubectl references like deploy/gateway, svc/gateway or hpa/analytics in commands run in <paramref name="ns"/>.</summary>
    public IEnumerable<(string Kind, string Name)> ResourceReferences(string ns) =>
        Commands.Where(c => c.StartsWith("kubectl ", StringComparison.Ordinal) && NamespaceFlag().Match(c) is { Success: true } flag && flag.Groups["ns"].Value == ns)
            .SelectMany(c => ResourceReference().Matches(c))
            .Select(m => (m.Groups["kind"].Value, m.Groups["name"].Value))
            .Distinct();

    /// <summary>port-forward targets as (service, remote port).</summary>
    public IEnumerable<(string Service, int Port)> PortForwards =>
        Commands.SelectMany(c => PortForward().Matches(c))
            .Select(m => (m.Groups["svc"].Value, int.Parse(m.Groups["remote"].Value, System.Globalization.CultureInfo.InvariantCulture)));

    private static IEnumerable<string> JoinContinuations(string block) =>
        Continuation().Replace(block, " ").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));

    [GeneratedRegex(@"^[ \t]*```[^\n]*\n(?<code>.*?)^[ \t]*```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\\\s*\n\s*")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"(?:\s-k\s+|\skustomize\s+)(?<path>deploy/[\w./-]+)")]
    private static partial Regex KustomizePath();

    [GeneratedRegex(@"(?<![\w./:-])(?<path>(?:deploy|docs|tests|[A-Z][A-Za-z]*\.(?:Service|Api))/[\w./-]*)")]
    private static partial Regex RepoPath();

    // kubectl's deploy/NAME, not the deploy/ folder: the folder's paths go deeper or name a file.
    [GeneratedRegex(@"^deploy/[\w-]+$")]
    private static partial Regex KubectlDeploymentReference();

    [GeneratedRegex(@"^docker\s+(?:buildx\s+)?build\s")]
    private static partial Regex DockerBuild();

    [GeneratedRegex(@"--build-arg[=\s]+SERVICE=(?<service>[^\s""']+)")]
    private static partial Regex ServiceBuildArgument();

    [GeneratedRegex(@"create\s+secret\s+(?<type>generic|tls)\s+(?<name>[a-z0-9][a-z0-9.-]*)[^\n]*")]
    private static partial Regex CreateSecret();

    [GeneratedRegex(@"--from-(?:literal|file)=(?<key>[A-Za-z0-9._-]+)=")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"(?:\s-n\s+|--namespace[=\s]+)(?<ns>[a-z0-9-]+)")]
    private static partial Regex NamespaceFlag();

    [GeneratedRegex(@"(?<![\w/.-])(?<kind>deploy|deployment|statefulset|sts|svc|service|hpa|pdb|ingress|networkpolicy|kafkatopic|kafka|cluster|configmap|cm)/(?<name>[a-z0-9][a-z0-9.-]*)")]
    private static partial Regex ResourceReference();

    [GeneratedRegex(@"port-forward\s+(?:-n\s+\S+\s+)?svc/(?<svc>[a-z0-9-]+)\s+(?:\d+:)?(?<remote>\d+)")]
    private static partial Regex PortForward();
}
