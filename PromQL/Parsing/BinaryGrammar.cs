using PerfMonitor.PromQL.Syntax;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>
/// Binary operators by Prometheus's precedence, lowest first: <c>or</c>; <c>and</c> <c>unless</c>; comparisons;
/// <c>+ -</c>; <c>* / % atan2</c>; <c>^</c> (right-associative). Unary minus binds like <c>*</c>, so <c>-2^2</c> is -4.
/// </summary>
internal static class BinaryGrammar
{
    private static readonly TokenListParser<PromToken, string[]> GroupLabels = TokenGrammar.LabelList.OptionalOrDefault([]);

    private static readonly TokenListParser<PromToken, VectorMatching> MatchingClause =
        from keyword in TokenGrammar.Keyword("on").Or(TokenGrammar.Keyword("ignoring"))
        from labels in TokenGrammar.LabelList
        from grouping in (from side in TokenGrammar.Keyword("group_left").Or(TokenGrammar.Keyword("group_right"))
                          from include in GroupLabels
                          select (Side: side.ToStringValue().ToLowerInvariant(), Include: include)).OptionalOrDefault()
        select new VectorMatching(
            grouping.Side switch
            {
                "group_left" => MatchCardinality.ManyToOne,
                "group_right" => MatchCardinality.OneToMany,
                _ => MatchCardinality.OneToOne,
            },
            keyword.ToStringValue().Equals("on", StringComparison.OrdinalIgnoreCase), labels, grouping.Include ?? []);

    private static TokenListParser<PromToken, BinaryOperatorSpec> Operator(TokenListParser<PromToken, Token<PromToken>> token, BinaryOperator op) =>
        from t in token
        from returnBool in TokenGrammar.Keyword("bool").Value(true).OptionalOrDefault()
        from matching in MatchingClause.Select(m => (VectorMatching?)m).OptionalOrDefault()
        select new BinaryOperatorSpec(op, t.Position.Absolute, returnBool, matching);

    private static TokenListParser<PromToken, BinaryOperatorSpec> Symbol(PromToken kind, BinaryOperator op) => Operator(Token.EqualTo(kind), op);

    private static TokenListParser<PromToken, BinaryOperatorSpec> Word(string word, BinaryOperator op) => Operator(TokenGrammar.Keyword(word), op);

    private static TokenListParser<PromToken, Expr> Level(TokenListParser<PromToken, BinaryOperatorSpec> operators, TokenListParser<PromToken, Expr> operand) =>
        Parse.Chain(operators, operand, static (op, left, right) => op.Apply(left, right));

    private static readonly TokenListParser<PromToken, Expr> Power =
        from left in ExpressionGrammar.Postfix
        from right in (from op in Symbol(PromToken.Pow, BinaryOperator.Pow)
                       from operand in Parse.Ref(() => Unary!)
                       select (Op: (BinaryOperatorSpec?)op, Operand: operand)).OptionalOrDefault()
        select right.Op is null ? left : right.Op.Apply(left, right.Operand);

    private static readonly TokenListParser<PromToken, Expr> Unary =
        (from sign in Token.EqualTo(PromToken.Sub).Or(Token.EqualTo(PromToken.Add))
         from operand in Parse.Ref(() => Unary!)
         select Negate(sign, operand))
        .Or(Power);

    private static readonly TokenListParser<PromToken, Expr> Multiplicative = Level(
        Symbol(PromToken.Mul, BinaryOperator.Mul).Or(Symbol(PromToken.Div, BinaryOperator.Div))
            .Or(Symbol(PromToken.Mod, BinaryOperator.Mod)).Or(Word("atan2", BinaryOperator.Atan2)),
        Unary);

    private static readonly TokenListParser<PromToken, Expr> Additive = Level(
        Symbol(PromToken.Add, BinaryOperator.Add).Or(Symbol(PromToken.Sub, BinaryOperator.Sub)), Multiplicative);

    private static readonly TokenListParser<PromToken, Expr> Comparison = Level(
        Symbol(PromToken.EqualEqual, BinaryOperator.Eql).Or(Symbol(PromToken.NotEqual, BinaryOperator.Neq))
            .Or(Symbol(PromToken.LessOrEqual, BinaryOperator.Lte)).Or(Symbol(PromToken.Less, BinaryOperator.Lss))
            .Or(Symbol(PromToken.GreaterOrEqual, BinaryOperator.Gte)).Or(Symbol(PromToken.Greater, BinaryOperator.Gtr)),
        Additive);

    private static readonly TokenListParser<PromToken, Expr> AndUnless = Level(
        Word("and", BinaryOperator.And).Or(Word("unless", BinaryOperator.Unless)), Comparison);

    public static readonly TokenListParser<PromToken, Expr> Or = Level(Word("or", BinaryOperator.Or), AndUnless);

    /// <summary>A minus before a number literal folds into it, as in Prometheus; a plus disappears.</summary>
    private static Expr Negate(Token<PromToken> sign, Expr operand)
    {
        if (sign.Kind == PromToken.Add)
        {
            return operand;
        }
        return operand is NumberLiteral number
            ? new NumberLiteral(sign.Position.Absolute, -number.Value)
            : new NegateExpr(sign.Position.Absolute, operand);
    }
}
