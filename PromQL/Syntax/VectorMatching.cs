namespace PerfMonitor.PromQL.Syntax;

public enum MatchCardinality
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}

/// <summary>
/// How the two sides of a vector/vector operation pair up: <c>on</c> (<see cref="On"/> true) or
/// <c>ignoring</c> the <see cref="MatchingLabels"/>, and for group_left/group_right the labels
/// <see cref="Include"/>d from the "one" side.
/// </summary>
public sealed record VectorMatching(
    MatchCardinality Cardinality, bool On, IReadOnlyList<string> MatchingLabels, IReadOnlyList<string> Include)
{
    public static readonly VectorMatching Default = new(MatchCardinality.OneToOne, false, [], []);
}
