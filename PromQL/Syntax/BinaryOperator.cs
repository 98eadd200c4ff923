namespace PerfMonitor.PromQL.Syntax;

public enum BinaryOperator
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Eql,
    Neq,
    Gtr,
    Lss,
    Gte,
    Lte,
    And,
    Or,
    Unless,
}

public static class BinaryOperators
{
    public static bool IsComparison(this BinaryOperator op) => op is >= BinaryOperator.Eql and <= BinaryOperator.Lte;

    public static bool IsSetOperator(this BinaryOperator op) => op is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Unless;

    /// <summary>Arithmetic drops the metric name from its result; comparisons without <c>bool</c> keep it.</summary>
    public static bool DropsMetricName(this BinaryOperator op) =>
        op is BinaryOperator.Add or BinaryOperator.Sub or BinaryOperator.Mul or BinaryOperator.Div or BinaryOperator.Mod or BinaryOperator.Pow;

    public static string Symbol(this BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Sub => "-",
        BinaryOperator.Mul => "*",
        BinaryOperator.Div => "/",
        BinaryOperator.Mod => "%",
        BinaryOperator.Pow => "^",
        BinaryOperator.Atan2 => "atan2",
        BinaryOperator.Eql => "==",
        BinaryOperator.Neq => "!=",
        BinaryOperator.Gtr => ">",
        BinaryOperator.Lss => "<",
        BinaryOperator.Gte => ">=",
        BinaryOperator.Lte => "<=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        _ => "unless",
    };
}
