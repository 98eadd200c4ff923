using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Parsing;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Tests.Parsing;

public class ParserShapeTests
{
    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("foo{job=\"api\", code=~\"5..\"}", "foo{job=\"api\", code=~\"5..\"}")]
    [InlineData("{__name__=\"foo\", a!=\"b\"}", "{__name__=\"foo\", a!=\"b\"}")]
    [InlineData("rate(http_requests_total{job='api'}[1h30m] offset 5m)", "rate(http_requests_total{job=\"api\"}[1h30m] offset 5m)")]
    [InlineData("foo @ 1609746000", "foo @ 1609746000.000")]
    [InlineData("foo[5m] @ end() offset -1m", "foo[5m] @ end() offset -1m")]
    [InlineData("sum by (job) (rate(x[5m]))", "sum by (job) (rate(x[5m]))")]
    [InlineData("sum(rate(x[5m])) without (instance)", "sum without (instance) (rate(x[5m]))")]
    [InlineData("topk(3, x)", "topk (3, x)")]
    [InlineData("count_values(\"v\", x)", "count_values (\"v\", x)")]
    [InlineData("a + on(job) group_left(team) b", "a + on(job) group_left(team) b")]
    [InlineData("a > bool ignoring(x) b", "a > bool ignoring(x) b")]
    [InlineData("a and on() b or c unless d", "a and on() b or c unless d")]
    [InlineData("-1", "-1")]
    [InlineData("0x1F + 010 + 1e3 + .5 + Inf + nan", "31 + 8 + 1000 + 0.5 + Inf + NaN")]
    [InlineData("`raw\\n`", "\"raw\\\\n\"")]
    public void Round_trips_to_canonical_text(string query, string expected)
    {
        Assert.Equal(expected, PromQLParser.Parse(query).ToString());
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.Parse("1 + 2 * 3"));

        Assert.Equal(BinaryOperator.Add, expr.Op);
        Assert.Equal(BinaryOperator.Mul, Assert.IsType<BinaryExpr>(expr.Right).Op);
    }

    [Fact]
    public void Power_is_right_associative_and_binds_tighter_than_unary_minus()
    {
        var power = Assert.IsType<BinaryExpr>(PromQLParser.Parse("2 ^ 3 ^ 2"));
        var negated = Assert.IsType<NegateExpr>(PromQLParser.Parse("-a ^ 2"));

        Assert.IsType<NumberLiteral>(power.Left);
        Assert.Equal(BinaryOperator.Pow, Assert.IsType<BinaryExpr>(power.Right).Op);
        Assert.Equal(BinaryOperator.Pow, Assert.IsType<BinaryExpr>(negated.Operand).Op);
    }

    [Fact]
    public void Subtraction_is_left_associative()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.Parse("a - b - c"));

        Assert.Equal("c", Assert.IsType<VectorSelector>(expr.Right).Name);
        Assert.IsType<BinaryExpr>(expr.Left);
    }

    [Fact]
    public void Set_operators_bind_loosest_with_or_below_and()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.Parse("a or b and c > 1"));

        Assert.Equal(BinaryOperator.Or, expr.Op);
        var and = Assert.IsType<BinaryExpr>(expr.Right);
        Assert.Equal(BinaryOperator.And, and.Op);
        Assert.Equal(MatchCardinality.ManyToMany, and.Matching.Cardinality);
        Assert.Equal(BinaryOperator.Gtr, Assert.IsType<BinaryExpr>(and.Right).Op);
    }

    [Fact]
    public void Group_left_records_cardinality_and_included_labels()
    {
        var expr = Assert.IsType<BinaryExpr>(PromQLParser.Parse("a * on(instance, job) group_left(version) b"));

        Assert.Equal(MatchCardinality.ManyToOne, expr.Matching.Cardinality);
        Assert.True(expr.Matching.On);
        Assert.Equal(["instance", "job"], expr.Matching.MatchingLabels);
        Assert.Equal(["version"], expr.Matching.Include);
    }

    [Fact]
    public void Metric_name_becomes_an_equality_matcher()
    {
        var selector = Assert.IsType<VectorSelector>(PromQLParser.Parse("up{job=\"a\"}"));

        Assert.Contains(selector.Matchers, m => m is { Name: LabelSet.MetricName, Type: LabelMatchType.Equal, Value: "up" });
    }

    [Fact]
    public void Durations_combine_units()
    {
        var matrix = Assert.IsType<MatrixSelector>(PromQLParser.Parse("x[1h30m]"));

        Assert.Equal(90 * 60_000, matrix.RangeMs);
    }

    [Fact]
    public void Keywords_are_case_insensitive_and_may_name_labels()
    {
        var expr = Assert.IsType<AggregateExpr>(PromQLParser.Parse("SUM BY (on, by) (x)"));

        Assert.Equal(["on", "by"], expr.Grouping);
    }
}
