using Mono.Cecil;

namespace PerfMonitor.Architecture.Tests;

/// <summary>
/// Which of an assembly's own namespaces use which, read from the compiled assembly (see <see cref="TypeReferences"/>).
/// Compiler-generated types (closures, state machines, anonymous types) count as the type that declared them; a nested
/// type counts as its outermost type.
/// </summary>
public sealed class NamespaceGraph
{
    private const int ExamplesPerEdge = 3;

    /// <summary>From namespace, to namespace, and a few "Type -> Type" uses that make the edge.</summary>
    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    public IEnumerable<string> Namespaces => edges.Keys;

    public static NamespaceGraph Read(string assemblyPath)
    {
        var graph = new NamespaceGraph();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        // A closure or state machine counts as the type that declared it; a type the compiler made on its own is no one's.
        var own = module.GetTypes().Where(t => !CompilerMade.IsType(Outermost(t))).ToDictionary(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in own.Values)
        {
            var from = Outermost(type);
            graph.Node(NamespaceOf(from));
            foreach (var reference in TypeReferences.Of(type))
            {
                if (IsOwn(module, reference) && own.TryGetValue(reference.FullName, out var target))
                {
                    graph.Edge(from, Outermost(target));
                }
            }
        }
        return graph;
    }

    /// <summary>Every set of namespaces that reach each other (strongly connected components of more than one namespace).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() =>
        [.. StronglyConnected.Components(edges.Keys, n => edges[n].Keys).Where(c => c.Count > 1).Select(c => (IReadOnlyList<string>)[.. c.Order(StringComparer.Ordinal)])];

    /// <summary>The edges inside a cycle, each with the uses that make it, so a failure says what to move.</summary>
    public string Explain(IReadOnlyList<string> cycle) => string.Join(Environment.NewLine,
        from source in cycle
        from edge in edges[source]
        where cycle.Contains(edge.Key)
        select $"  {source} -> {edge.Key}: {string.Join(", ", edge.Value.Take(ExamplesPerEdge))}{(edge.Value.Count > ExamplesPerEdge ? ", ..." : "")}");

    public bool Uses(string from, string to) => edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    private static bool IsOwn(ModuleDefinition module, TypeReference reference) =>
        reference is TypeDefinition definition ? definition.Module == module : reference.Scope == module;

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }
        return type;
    }

    private static string NamespaceOf(TypeDefinition type) => type.Namespace.Length == 0 ? "(global)" : type.Namespace;

    private void Node(string name)
    {
        if (!edges.ContainsKey(name))
        {
            edges[name] = new(StringComparer.Ordinal);
        }
    }

    private void Edge(TypeDefinition from, TypeDefinition to)
    {
        var (source, target) = (NamespaceOf(from), NamespaceOf(to));
        if (source == target)
        {
            return;
        }
        Node(target);
        if (!edges[source].TryGetValue(target, out var uses))
        {
            edges[source][target] = uses = new(StringComparer.Ordinal);
        }
        uses.Add($"{from.Name} -> {to.Name}");
    }
}
