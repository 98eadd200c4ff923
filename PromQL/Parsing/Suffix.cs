using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>What may follow a primary expression: a range, a subquery, <c>offset</c> or <c>@</c>.</summary>
internal abstract record Suffix(int Position);

internal sealed record RangeSuffix(int Position, long RangeMs) : Suffix(Position);

internal sealed record SubquerySuffix(int Position) : Suffix(Position);

internal sealed record OffsetSuffix(int Position, long OffsetMs) : Suffix(Position);

internal sealed record AtSuffix(int Position, AtModifier At) : Suffix(Position);
