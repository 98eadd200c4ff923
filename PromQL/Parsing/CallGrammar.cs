using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Function calls: <c>name(arg, ...)</c>. Unknown and unsupported names are refused here, naming the function.</summary>
internal static class CallGrammar
{
    /// <summary>The arguments after the opening parenthesis, up to and including the closing one.</summary>
    public static readonly TokenListParser<PromToken, Expr[]> Arguments =
        from args in Parse.Ref(() => ExpressionGrammar.Expression).ManyDelimitedBy(Token.EqualTo(PromToken.Comma))
        from close in Token.EqualTo(PromToken.RightParen)
        select args;

    public static readonly TokenListParser<PromToken, Expr> Call =
        from name in Token.EqualTo(PromToken.Identifier).Then(n => Token.EqualTo(PromToken.LeftParen).Value(n)).Try()
        from args in Arguments
        select (Expr)new CallExpr(name.Position.Absolute, Resolve(name.ToStringValue(), name.Position.Absolute), args);

    private static FunctionSignature Resolve(string name, int position)
    {
        if (FunctionCatalog.TryGet(name, out var signature))
        {
            return signature;
        }
        throw new SyntaxError(position, FunctionCatalog.IsPrometheusFunction(name)
            ? $"function \"{name}\" is not supported by PerfMonitor"
            : $"unknown function with name \"{name}\"");
    }
}
