using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Results;

/// <summary>The value of a query: scalar, string, instant vector or matrix, as Prometheus returns them.</summary>
public abstract record QueryValue(ExprType Type);

public sealed record ScalarResult(long TimeMs, double Value) : QueryValue(ExprType.Scalar);

public sealed record StringResult(long TimeMs, string Value) : QueryValue(ExprType.String);

public sealed record VectorResult(IReadOnlyList<InstantSample> Samples) : QueryValue(ExprType.Vector);

public sealed record MatrixResult(IReadOnlyList<RangeSeries> Series) : QueryValue(ExprType.Matrix);

public sealed record InstantSample(LabelSet Labels, long TimeMs, double Value);

/// <summary>One series of a matrix: its samples as parallel arrays, in time order.</summary>
public sealed record RangeSeries(LabelSet Labels, long[] TimesMs, double[] Values);

/// <summary>A query's value and the warnings to show beside it (for example a resolution finer than is stored).</summary>
public sealed record QueryResult(QueryValue Value, IReadOnlyList<string> Warnings);
