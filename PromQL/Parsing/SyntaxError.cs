namespace PerfMonitor.PromQL.Parsing;

/// <summary>Raised inside the grammar and the type checker; <see cref="PromQLParser"/> turns it into a <see cref="ParseException"/> with line and column.</summary>
internal sealed class SyntaxError(int position, string reason) : Exception(reason)
{
    public int Position { get; } = position;
}
