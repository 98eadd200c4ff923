using System.Globalization;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Syntax;

/// <summary>Prints an expression back as PromQL, in the canonical form Prometheus's String() produces.</summary>
public static class ExprPrinter
{
    public static string Print(Expr expr) => expr switch
    {
        NumberLiteral n => Number(n.Value),
        StringLiteral s => StringQuoting.Quote(s.Value),
        ParenExpr p => $"({Print(p.Inner)})",
        NegateExpr u => $"-{Print(u.Operand)}",
        VectorSelector v => Selector(v),
        MatrixSelector m => Matrix(m),
        BinaryExpr b => Binary(b),
        AggregateExpr a => Aggregate(a),
        CallExpr c => $"{c.Function.Name}({string.Join(", ", c.Arguments.Select(Print))})",
        _ => throw new ArgumentException(expr.GetType().Name, nameof(expr)),
    };

    public static string Duration(long ms)
    {
        if (ms == 0)
        {
            return "0s";
        }
        var text = ms < 0 ? "-" : "";
        var rest = Math.Abs(ms);
        foreach (var (unit, size) in new[] { ("y", 31_536_000_000L), ("w", 604_800_000L), ("d", 86_400_000L), ("h", 3_600_000L), ("m", 60_000L), ("s", 1000L), ("ms", 1L) })
        {
            if (rest >= size)
            {
                text += $"{rest / size}{unit}";
                rest %= size;
            }
        }
        return text;
    }

    private static string Number(double value) => double.IsPositiveInfinity(value) ? "Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Selector(VectorSelector v)
    {
        var matchers = v.Matchers.Where(m => v.Name is null || m.Name != LabelSet.MetricName || m.Value != v.Name).ToList();
        var text = v.Name ?? "";
        if (matchers.Count > 0 || v.Name is null)
        {
            text += "{" + string.Join(", ", matchers) + "}";
        }
        return text + Modifiers(v);
    }

    private static string Matrix(MatrixSelector m)
    {
        var inner = Selector(m.Selector with { OffsetMs = 0, At = null });
        return $"{inner}[{Duration(m.RangeMs)}]{Modifiers(m.Selector)}";
    }

    private static string Modifiers(VectorSelector v)
    {
        var text = v.At switch
        {
            null => "",
            { Kind: AtKind.Start } => " @ start()",
            { Kind: AtKind.End } => " @ end()",
            var at => " @ " + (at.TimestampMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture),
        };
        return text + (v.OffsetMs == 0 ? "" : $" offset {Duration(v.OffsetMs)}");
    }

    private static string Binary(BinaryExpr b)
    {
        var modifiers = b.ReturnBool ? " bool" : "";
        var m = b.Matching;
        var defaultMatching = !m.On && m.MatchingLabels.Count == 0 && m.Cardinality is MatchCardinality.OneToOne or MatchCardinality.ManyToMany;
        if (b.IsVectorMatch && !defaultMatching)
        {
            modifiers += $" {(m.On ? "on" : "ignoring")}({string.Join(", ", m.MatchingLabels)})";
            if (m.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany)
            {
                var side = m.Cardinality == MatchCardinality.ManyToOne ? "group_left" : "group_right";
                modifiers += $" {side}({string.Join(", ", m.Include)})";
            }
        }
        return $"{Print(b.Left)} {b.Op.Symbol()}{modifiers} {Print(b.Right)}";
    }

    private static string Aggregate(AggregateExpr a)
    {
        var name = a.Op switch
        {
            AggregationOp.CountValues => "count_values",
            _ => a.Op.ToString().ToLowerInvariant(),
        };
        var grouping = a.Without || a.Grouping.Count > 0 ? $" {(a.Without ? "without" : "by")} ({string.Join(", ", a.Grouping)})" : "";
        var args = a.Parameter is null ? Print(a.Argument) : $"{Print(a.Parameter)}, {Print(a.Argument)}";
        return $"{name}{grouping} ({args})";
    }
}
