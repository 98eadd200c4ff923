namespace PerfMonitor.PromQL.Syntax;

public enum AtKind
{
    Timestamp,
    Start,
    End,
}

/// <summary>The <c>@</c> modifier: a fixed evaluation time, or the query's start or end.</summary>
public sealed record AtModifier(AtKind Kind, long TimestampMs = 0)
{
    public long Resolve(long startMs, long endMs) => Kind switch
    {
        AtKind.Start => startMs,
        AtKind.End => endMs,
        _ => TimestampMs,
    };
}
