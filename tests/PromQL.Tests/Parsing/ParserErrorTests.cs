using PerfMonitor.PromQL.Parsing;

namespace PerfMonitor.PromQL.Tests.Parsing;

public class ParserErrorTests
{
    [Theory]
    [InlineData("rate(x)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("sum(x[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector")]
    [InlineData("1 > 2", "1:3: parse error: comparisons between scalars must use BOOL modifier")]
    [InlineData("a + bool b", "1:3: parse error: bool modifier can only be used on comparison operators")]
    [InlineData("1 and x", "1:3: parse error: set operator \"and\" not allowed in binary scalar expression")]
    [InlineData("{a=\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("(x)[5m]", "1:4: parse error: ranges only allowed for vector selectors")]
    [InlineData("foo offset 5m offset 1m", "1:15: parse error: offset may not be set multiple times")]
    [InlineData("rate(x[5m:1m])", "1:7: parse error: subqueries are not supported by PerfMonitor")]
    [InlineData("predict_linear(x[5m], 60)", "1:1: parse error: function \"predict_linear\" is not supported by PerfMonitor")]
    [InlineData("foo_bar(x)", "1:1: parse error: unknown function with name \"foo_bar\"")]
    [InlineData("topk(x)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1")]
    [InlineData("x[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types")]
    [InlineData("clamp(x, 1)", "1:1: parse error: expected 3 argument(s) in call to \"clamp\", got 2")]
    public void Refusals_read_like_Prometheus(string query, string message)
    {
        var error = Assert.Throws<ParseException>(() => PromQLParser.Parse(query));

        Assert.Equal(message, error.Message);
        Assert.Equal(PromQLException.BadData, error.ErrorType);
    }

    [Theory]
    [InlineData("sum(x", 1, 6)]
    [InlineData("foo{a=\"b\"", 1, 10)]
    [InlineData("foo +\n  * 2", 2, 3)]
    [InlineData("foo $ 1", 1, 5)]
    public void Syntax_errors_carry_line_and_column(string query, int line, int column)
    {
        var error = Assert.Throws<ParseException>(() => PromQLParser.Parse(query));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"{line}:{column}: parse error: ", error.Message);
    }
}
