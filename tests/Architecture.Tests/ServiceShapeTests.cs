namespace PerfMonitor.Architecture.Tests;

/// <summary>
/// The shape every service keeps (issue 14's bars): namespaces that depend on each other one way only, no type over
/// 250 lines, no constructor handed more than 6 dependencies. A service joins by adding its project to
/// <see cref="ServiceAssemblies.Projects"/>.
/// </summary>
public sealed class ServiceShapeTests
{
    public const int MaxTypeLines = 250;
    public const int MaxConstructorParameters = 6;

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Projects), MemberType = typeof(ServiceAssemblies))]
    public void No_namespace_depends_on_one_that_depends_back_on_it(string project)
    {
        var graph = NamespaceGraph.Read(ServiceAssemblies.AssemblyOf(project));

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, $"{project} has namespace cycles:{Environment.NewLine}" +
            string.Join(Environment.NewLine, cycles.Select(c => $"{string.Join(" <-> ", c)}{Environment.NewLine}{graph.Explain(c)}")));
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Projects), MemberType = typeof(ServiceAssemblies))]
    public void No_type_is_over_250_lines(string project)
    {
        var lines = SourceTypes.LinesIn(ServiceAssemblies.FolderOf(project));

        var tooLong = lines.Where(t => t.Value > MaxTypeLines).OrderByDescending(t => t.Value).Select(t => $"{t.Key} ({t.Value} lines)").ToList();

        Assert.NotEmpty(lines);
        Assert.True(tooLong.Count == 0, $"{project} has types over {MaxTypeLines} lines: {string.Join(", ", tooLong)}");
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Projects), MemberType = typeof(ServiceAssemblies))]
    public void No_constructor_takes_more_than_6_parameters(string project)
    {
        var constructors = Constructors.In(ServiceAssemblies.AssemblyOf(project)).ToList();

        var tooMany = constructors.Where(c => c.Parameters > MaxConstructorParameters).Select(c => $"{c.Type} ({c.Parameters})").Distinct().ToList();

        Assert.NotEmpty(constructors);
        Assert.True(tooMany.Count == 0, $"{project} has constructors with more than {MaxConstructorParameters} parameters: {string.Join(", ", tooMany)}");
    }
}
