namespace PerfMonitor.Architecture.Tests;

/// <summary>Tarjan's strongly connected components: the groups of nodes that can each reach all the others.</summary>
public static class StronglyConnected
{
    public static IReadOnlyList<IReadOnlyList<T>> Components<T>(IEnumerable<T> nodes, Func<T, IEnumerable<T>> successors)
        where T : notnull
    {
        var index = new Dictionary<T, int>();
        var lowLink = new Dictionary<T, int>();
        var stack = new Stack<T>();
        var onStack = new HashSet<T>();
        var components = new List<IReadOnlyList<T>>();

        void Visit(T node)
        {
            index[node] = lowLink[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in successors(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    lowLink[node] = Math.Min(lowLink[node], lowLink[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLink[node] = Math.Min(lowLink[node], index[next]);
                }
            }
            if (lowLink[node] != index[node])
            {
                return;
            }
            var component = new List<T>();
            T member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (!EqualityComparer<T>.Default.Equals(member, node));
            components.Add(component);
        }

        foreach (var node in nodes)
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return components;
    }
}
